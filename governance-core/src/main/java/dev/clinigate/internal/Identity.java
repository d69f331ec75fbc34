package dev.clinigate.internal;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Optional;

/**
 * How identifiers in evidence and inferences are read: people (model author, approvers, waiver grantors,
 * reviewers) and required fields (encounter ids, rationales, justifications).
 *
 * <p>Design note, fail closed. Two spellings that a person reads as the same name are the same principal,
 * so separation of duties cannot be dodged with {@code J.PATEL} against {@code j.patel}, a leading space or
 * a trailing no-break space. The comparison key is the Unicode NFKC form with default-ignorable
 * (invisible) characters removed, white space trimmed and runs of inner white space collapsed to one
 * space, then case-folded ({@code toUpperCase} then {@code toLowerCase}, in {@link Locale#ROOT}). A value
 * that is empty after removing white space and invisible characters (a zero-width space, a lone BOM)
 * counts as absent: it names nobody and carries nothing.
 */
public final class Identity {
  private Identity() {}

  /** The display form: NFKC, invisible characters removed, white space trimmed and collapsed; empty when blank. */
  public static Optional<String> clean(String raw) {
    if (raw == null) {
      return Optional.empty();
    }
    String nfkc = Normalizer.normalize(raw, Normalizer.Form.NFKC);
    StringBuilder b = new StringBuilder(nfkc.length());
    boolean space = false;
    for (int i = 0; i < nfkc.length(); ) {
      int cp = nfkc.codePointAt(i);
      i += Character.charCount(cp);
      if (invisible(cp)) {
        continue;
      }
      if (whitespace(cp)) {
        space = b.length() > 0;
        continue;
      }
      if (space) {
        b.append(' ');
        space = false;
      }
      b.appendCodePoint(cp);
    }
    return b.length() == 0 ? Optional.empty() : Optional.of(b.toString());
  }

  /** The comparison key of an identifier: {@link #clean} then case-folded; empty when blank. */
  public static Optional<String> key(String raw) {
    return clean(raw).map(s -> s.toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT));
  }

  /** Whether two identifiers name the same principal (both present and equal keys). */
  public static boolean same(String a, String b) {
    Optional<String> ka = key(a);
    return ka.isPresent() && ka.equals(key(b));
  }

  /** Whether a value is absent: null, or nothing but white space and invisible characters. */
  public static boolean blank(String raw) {
    return clean(raw).isEmpty();
  }

  private static boolean whitespace(int cp) {
    return Character.isWhitespace(cp) || Character.isSpaceChar(cp) || cp == 0x85;
  }

  /** Format characters (zero-width space and joiners, BOM, bidi marks, soft hyphen) and other invisibles. */
  private static boolean invisible(int cp) {
    int type = Character.getType(cp);
    return type == Character.FORMAT || type == Character.CONTROL && !whitespace(cp)
        || cp == 0x034F || cp == 0x115F || cp == 0x1160 || cp == 0x3164 || cp == 0xFFA0
        || cp >= 0x180B && cp <= 0x180F || cp >= 0xFE00 && cp <= 0xFE0F || cp >= 0xE0100 && cp <= 0xE01EF;
  }
}
