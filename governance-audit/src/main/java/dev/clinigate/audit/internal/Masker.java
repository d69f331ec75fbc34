package dev.clinigate.audit.internal;

import dev.clinigate.json.Json;
import dev.clinigate.json.JsonArray;
import dev.clinigate.json.JsonNull;
import dev.clinigate.json.JsonNumber;
import dev.clinigate.json.JsonObject;
import dev.clinigate.json.JsonString;
import dev.clinigate.json.JsonValue;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Masks sensitive values in a decision; see {@code PhiMask} for the rules.
 *
 * <p>Design note: masking follows the decision's structure, never a bare substring. A subgroup value of a
 * masked column is masked where the decision names it: as an object key, as a whole string (a subject
 * {@code mrn=MRN-4711}, an observed value), and inside text only as the mention {@code <column>=<value>}
 * that explanations write. A sensitive string from an evidence path is masked as a whole value, as a key,
 * and inside text only as a whole token (not inside a longer word or number). Numbers are never searched
 * for inside text: a count of 140 must not turn {@code n=1,140} into nonsense; mask a number at its
 * decision path instead. Fields the library derives from the policy (ids, statuses, hashes) are never
 * touched, so that a PHI value equal to {@code PASS} cannot corrupt what a verifier and replay rely on.
 * Finally, the masked decision is searched again with the same rules (a defence against a bug in the
 * walk); a survivor anywhere stops the append.
 */
public final class Masker {
  private static final Set<String> STRUCTURAL = Set.of("$.verdict", "$.evaluatedAt", "$.kind", "$.rules[*].id",
      "$.rules[*].status", "$.rules[*].enforcement",
      // rollback and review decisions: what their policy decides, and their input's hash
      "$.rules[*].severity", "$.route", "$.reason", "$.rule.id", "$.rule.route", "$.windows.sha256",
      "$.inference.sha256");
  private static final List<String> STRUCTURAL_PREFIXES = List.of("$.policy.", "$.evidence.", "$.clinigate.");

  private Masker() {}

  /**
   * The outcome of masking.
   *
   * @param decision the masked decision
   * @param maskedPaths decision-relative paths changed, in document order
   */
  public record Outcome(JsonObject decision, List<String> maskedPaths) {
    /** Copies. */
    public Outcome {
      maskedPaths = List.copyOf(maskedPaths);
    }
  }

  /**
   * What to mask, collected from the evidence.
   *
   * @param groupValues for every masked group column (as the evidence spells it), its subgroup values
   * @param texts sensitive strings from evidence paths, masked as whole values and whole tokens
   */
  record Sensitive(Map<String, Set<String>> groupValues, Set<String> texts) {
    boolean isEmpty() {
      return groupValues.isEmpty() && texts.isEmpty();
    }

    boolean whole(String s) {
      if (texts.contains(s)) {
        return true;
      }
      for (Set<String> v : groupValues.values()) {
        if (v.contains(s)) {
          return true;
        }
      }
      return false;
    }
  }

  private static final Comparator<String> LONGEST_FIRST = Comparator.comparingInt(String::length).reversed()
      .thenComparing(Comparator.naturalOrder());

  /**
   * Masks {@code decision}.
   *
   * @param key the HMAC key, or null to remove values
   */
  public static Outcome mask(JsonObject decision, JsonObject evidence, List<String> evidencePaths,
      List<String> decisionPaths, List<String> phiColumns, byte[] key) {
    Sensitive sensitive = sensitiveValues(evidence, evidencePaths, phiColumns);
    Set<String> whole = new HashSet<>();
    for (String p : decisionPaths) {
      whole.addAll(JsonPaths.select(decision, JsonPaths.parse(p)).keySet());
    }
    Walk w = new Walk(sensitive, whole, key);
    JsonValue out = w.value(decision, "$");
    JsonObject masked = out instanceof JsonObject o ? o : JsonObject.empty();
    List<String> leaks = new ArrayList<>();
    findLeaks(masked, "$", w, leaks);
    if (!leaks.isEmpty()) {
      throw new IllegalStateException("refusing to write a record: a sensitive value survived masking at "
          + leaks + "; mask the decision path that holds it (--mask-decision-path), or report the case");
    }
    return new Outcome(masked, w.paths);
  }

  /** The sensitive values of the evidence. */
  static Sensitive sensitiveValues(JsonObject evidence, List<String> evidencePaths, List<String> phiColumns) {
    Map<String, Set<String>> groups = new java.util.TreeMap<>();
    Set<String> texts = new TreeSet<>(LONGEST_FIRST);
    Set<String> columns = new HashSet<>();
    for (String c : phiColumns) {
      columns.add(c.toLowerCase(java.util.Locale.ROOT));
    }
    for (String p : evidencePaths) {
      for (Map.Entry<String, JsonValue> sel : JsonPaths.select(evidence, JsonPaths.parse(p)).entrySet()) {
        List<String> steps = keys(sel.getKey());
        int n = steps.size();
        if (n >= 2 && steps.get(n - 2).equals("groups") && sel.getValue() instanceof JsonObject byValue) {
          // $.groups.<column>: the column's subgroup values are what is sensitive, not the metrics below them
          groups.computeIfAbsent(steps.get(n - 1), k -> new TreeSet<>(LONGEST_FIRST))
              .addAll(byValue.members().keySet());
        } else if (n >= 3 && steps.get(n - 3).equals("groups")) {
          // $.groups.<column>.<value> (and below): that subgroup value
          groups.computeIfAbsent(steps.get(n - 2), k -> new TreeSet<>(LONGEST_FIRST)).add(steps.get(n - 1));
        } else if (n >= 4 && steps.contains("groups") && steps.indexOf("groups") <= n - 4) {
          int g = steps.lastIndexOf("groups");
          groups.computeIfAbsent(steps.get(g + 1), k -> new TreeSet<>(LONGEST_FIRST)).add(steps.get(g + 2));
        } else {
          leaves(sel.getValue(), texts);
        }
      }
    }
    if (!columns.isEmpty()) {
      phi(evidence, columns, groups, texts);
    }
    groups.values().forEach(v -> v.remove(""));
    groups.values().removeIf(Set::isEmpty);
    texts.remove("");
    return new Sensitive(groups, texts);
  }

  /** The member names along a concrete path ({@code $.groups.mrn['MRN 1'].n} gives groups, mrn, MRN 1, n). */
  private static List<String> keys(String concretePath) {
    List<String> out = new ArrayList<>();
    for (JsonPaths.Step s : JsonPaths.parse(concretePath)) {
      out.add(s.type() == JsonPaths.Step.Type.KEY ? s.key() : "[" + s.index() + "]");
    }
    return out;
  }

  private static void phi(JsonValue v, Set<String> columns, Map<String, Set<String>> groups, Set<String> texts) {
    if (v instanceof JsonObject o) {
      for (Map.Entry<String, JsonValue> e : o.members().entrySet()) {
        if (e.getKey().equals("groups") && e.getValue() instanceof JsonObject byColumn) {
          // groups.<column>.<value>: the values are member names; what is below them is metrics, not PHI
          for (Map.Entry<String, JsonValue> g : byColumn.members().entrySet()) {
            if (columns.contains(g.getKey().toLowerCase(java.util.Locale.ROOT))
                && g.getValue() instanceof JsonObject byValue) {
              groups.computeIfAbsent(g.getKey(), k -> new TreeSet<>(LONGEST_FIRST)).addAll(byValue.members().keySet());
            }
            phi(g.getValue(), columns, groups, texts);
          }
          continue;
        }
        if (columns.contains(e.getKey().toLowerCase(java.util.Locale.ROOT))) {
          leaves(e.getValue(), texts);
        }
        phi(e.getValue(), columns, groups, texts);
      }
    } else if (v instanceof JsonArray a) {
      for (JsonValue x : a.elements()) {
        phi(x, columns, groups, texts);
      }
    }
  }

  /** The strings at and below {@code v}; numbers, booleans and null are not collected (see the design note). */
  private static void leaves(JsonValue v, Set<String> out) {
    switch (v.kind()) {
      case STRING -> out.add(((JsonString) v).value());
      case OBJECT -> ((JsonObject) v).members().values().forEach(x -> leaves(x, out));
      case ARRAY -> ((JsonArray) v).elements().forEach(x -> leaves(x, out));
      default -> {
        // a number is masked at its decision path, never inside text
      }
    }
  }

  static boolean structural(String path) {
    String shape = JsonPaths.shape(path);
    if (STRUCTURAL.contains(shape)) {
      return true;
    }
    for (String p : STRUCTURAL_PREFIXES) {
      if (shape.startsWith(p)) {
        return true;
      }
    }
    return false;
  }

  /** Rebuilds the decision, masking as it goes; removal is signalled by a null return. */
  private static final class Walk {
    final Sensitive sensitive;
    final Set<String> whole;
    final byte[] key;
    final List<String> paths = new ArrayList<>();

    Walk(Sensitive sensitive, Set<String> whole, byte[] key) {
      this.sensitive = sensitive;
      this.whole = whole;
      this.key = key;
    }

    JsonValue value(JsonValue v, String path) {
      if (whole.contains(path)) {
        paths.add(path);
        if (key == null) {
          return null;
        }
        String raw = v instanceof JsonString s ? s.value() : Json.canonical(v);
        return new JsonString(hmac(key, raw));
      }
      switch (v.kind()) {
        case OBJECT -> {
          JsonObject o = (JsonObject) v;
          LinkedHashMap<String, JsonValue> m = new LinkedHashMap<>();
          for (String k : JsonPaths.sortedKeys(o)) {
            String childPath = Json.childPath(path, k);
            String name = k;
            if (!structural(childPath) && !sensitive.isEmpty()) {
              String maskedKey = sensitive.whole(k) ? (key == null ? null : hmac(key, k)) : scrub(k);
              if (maskedKey == null || !maskedKey.equals(k)) {
                if (key == null) {
                  paths.add(path); // the member's name itself is sensitive: name its parent
                  continue;
                }
                name = maskedKey;
                childPath = Json.childPath(path, name);
                paths.add(childPath);
              }
            }
            JsonValue c = value(o.members().get(k), childPath);
            if (c != null) {
              m.put(name, c);
            }
          }
          return new JsonObject(m);
        }
        case ARRAY -> {
          JsonArray a = (JsonArray) v;
          List<JsonValue> l = new ArrayList<>(a.size());
          for (int i = 0; i < a.size(); i++) {
            JsonValue c = value(a.get(i), Json.indexPath(path, i));
            l.add(c == null ? JsonNull.INSTANCE : c);
          }
          return new JsonArray(l);
        }
        case STRING -> {
          if (sensitive.isEmpty() || structural(path)) {
            return v;
          }
          String s = ((JsonString) v).value();
          String masked = sensitive.whole(s) ? (key == null ? null : hmac(key, s)) : scrub(s);
          if (masked != null && masked.equals(s)) {
            return v;
          }
          paths.add(path);
          return key == null ? null : new JsonString(masked);
        }
        default -> {
          return v;
        }
      }
    }

    /**
     * Masks, inside a text, every mention {@code <column>=<value>} of a masked subgroup value and every whole
     * token equal to a sensitive evidence string (HMAC form, or nothing when removing). Occurrences are
     * claimed longest first and never overlap; replacements are built from the original text.
     */
    String scrub(String s) {
      List<int[]> hits = hits(s, sensitive);
      if (hits.isEmpty()) {
        return s;
      }
      StringBuilder b = new StringBuilder();
      int from = 0;
      for (int[] h : hits) {
        b.append(s, from, h[0]);
        if (key != null) {
          b.append(hmac(key, s.substring(h[0], h[1])));
        }
        from = h[1];
      }
      return b.append(s, from, s.length()).toString();
    }
  }

  /** The [start, end) ranges of sensitive values in {@code s} (see {@link Walk#scrub}), in text order. */
  static List<int[]> hits(String s, Sensitive sensitive) {
    boolean[] claimed = new boolean[s.length()];
    List<int[]> hits = new ArrayList<>();
    List<String[]> mentions = new ArrayList<>(); // {prefix "col=", value}
    sensitive.groupValues().forEach((col, values) -> values.forEach(v -> mentions.add(new String[] {col + "=", v})));
    mentions.sort(Comparator.comparing((String[] m) -> m[1], LONGEST_FIRST));
    for (String[] m : mentions) {
      String needle = m[0] + m[1];
      for (int at = s.indexOf(needle); at >= 0; at = s.indexOf(needle, at + 1)) {
        int from = at + m[0].length();
        int to = at + needle.length();
        if ((at == 0 || !wordChar(s.charAt(at - 1))) && endsToken(s, to) && free(claimed, from, to)) {
          claim(claimed, hits, from, to);
        }
      }
    }
    for (String value : sensitive.texts()) {
      for (int at = s.indexOf(value); at >= 0; at = s.indexOf(value, at + 1)) {
        int to = at + value.length();
        if ((at == 0 || !wordChar(s.charAt(at - 1)) && !numberJoin(s, at - 1)) && endsToken(s, to)
            && free(claimed, at, to)) {
          claim(claimed, hits, at, to);
        }
      }
    }
    hits.sort(Comparator.comparingInt((int[] h) -> h[0]));
    return hits;
  }

  private static void claim(boolean[] claimed, List<int[]> hits, int from, int to) {
    for (int i = from; i < to; i++) {
      claimed[i] = true;
    }
    hits.add(new int[] {from, to});
  }

  /** Letters, digits, '_' and '-' continue a token: {@code MRN-4711} is one token, and so is {@code north_east}. */
  private static boolean wordChar(char c) {
    return Character.isLetterOrDigit(c) || c == '_' || c == '-';
  }

  /** A '.' or ',' between digits joins a number ({@code 1,140}, {@code 0.140}). */
  private static boolean numberJoin(String s, int i) {
    char c = s.charAt(i);
    return (c == '.' || c == ',') && i > 0 && Character.isDigit(s.charAt(i - 1));
  }

  /** Whether a token ends at {@code to}: the end, or a character that does not continue it. */
  private static boolean endsToken(String s, int to) {
    if (to >= s.length()) {
      return true;
    }
    char c = s.charAt(to);
    if (wordChar(c)) {
      return false;
    }
    return !((c == '.' || c == ',') && to + 1 < s.length() && Character.isDigit(s.charAt(to + 1)));
  }

  private static boolean free(boolean[] claimed, int from, int to) {
    for (int i = from; i < to; i++) {
      if (claimed[i]) {
        return false;
      }
    }
    return true;
  }

  private static void findLeaks(JsonValue v, String path, Walk w, List<String> leaks) {
    if (w.sensitive.isEmpty()) {
      return;
    }
    if (v instanceof JsonObject o) {
      for (String k : JsonPaths.sortedKeys(o)) {
        String child = Json.childPath(path, k);
        if (!structural(child) && leaks(k, w.sensitive)) {
          leaks.add(child);
        }
        findLeaks(o.members().get(k), child, w, leaks);
      }
    } else if (v instanceof JsonArray a) {
      for (int i = 0; i < a.size(); i++) {
        findLeaks(a.get(i), Json.indexPath(path, i), w, leaks);
      }
    } else if (v instanceof JsonString s && !structural(path) && leaks(s.value(), w.sensitive)) {
      leaks.add(path);
    }
  }

  private static boolean leaks(String text, Sensitive sensitive) {
    // look only between the masked parts: an HMAC's hex digits are not the value they hide
    String rest = text.replaceAll("hmac-sha256:[0-9a-f]{64}", "\u0000");
    return sensitive.whole(rest) || !hits(rest, sensitive).isEmpty();
  }

  private static final String HMAC_MARK = "hmac-sha256:";

  /** {@code hmac-sha256:<hex>} of the UTF-8 bytes of {@code value} under {@code key}. */
  public static String hmac(byte[] key, String value) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      byte[] d = mac.doFinal(value.getBytes(StandardCharsets.UTF_8));
      return HMAC_MARK + Hex.of(d);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("every Java platform has HmacSHA256", e);
    }
  }
}
