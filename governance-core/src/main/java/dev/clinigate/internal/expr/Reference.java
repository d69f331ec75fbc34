package dev.clinigate.internal.expr;

import java.util.Objects;
import java.util.Optional;

/**
 * A variable as written in a condition: {@code name ['@' number] ['[' selector ']'] ['.' qualifier]}, e.g.
 * {@code auroc}, {@code sensitivity@0.5}, {@code ece[site=east]}, {@code psi[creatinine]},
 * {@code auroc.lower95}. What the parts mean is the host's {@link Vocabulary}'s business.
 *
 * @param name the name
 * @param at the number after {@code @}, as written
 * @param selector the text between the brackets
 * @param qualifier the name after the dot
 * @param text the reference as written (normalised: no spaces)
 */
public record Reference(String name, Optional<String> at, Optional<String> selector, Optional<String> qualifier,
    String text) {
  /** Validates. */
  public Reference {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(selector, "selector");
    Objects.requireNonNull(qualifier, "qualifier");
    Objects.requireNonNull(text, "text");
  }
}
