package dev.clinigate.reports.card;

import java.util.Arrays;
import java.util.Locale;

/** The formats a model card renders to. */
public enum CardFormat {
  /** Markdown (deterministic: the same card and evidence give the same bytes). */
  MARKDOWN,
  /** One self-contained HTML file: no JavaScript, no external styles, fonts or URLs; every string escaped. */
  HTML,
  /** JSON: the card's text, the key metrics with their results from the evidence, and the standards checked. */
  JSON,
  /** XML valid against the CHAI Applied Model Card schema v0.2 ({@code https://mc.chai.org/v0.2/schema.xsd}). */
  CHAI_XML;

  /** The name on the command line: {@code markdown}, {@code html}, {@code json}, {@code chai-xml}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /**
   * The format with this {@link #id()}.
   *
   * @throws IllegalArgumentException naming the known formats
   */
  public static CardFormat of(String id) {
    for (CardFormat f : values()) {
      if (f.id().equals(id)) {
        return f;
      }
    }
    throw new IllegalArgumentException("unknown model-card format \"" + id + "\" (expected "
        + String.join(", ", Arrays.stream(values()).map(CardFormat::id).toList()) + ")");
  }
}
