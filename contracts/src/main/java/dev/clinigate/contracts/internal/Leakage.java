package dev.clinigate.contracts.internal;

import dev.clinigate.contracts.DataContract;
import dev.clinigate.contracts.Feature;
import dev.clinigate.contracts.Rule;
import dev.clinigate.contracts.Violation;
import dev.clinigate.json.JsonNull;
import dev.clinigate.json.JsonString;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/** The leakage and PHI guard over a model's declared input features. */
public final class Leakage {
  private Leakage() {}

  /** The violations of using {@code inputs} (in order, duplicates ignored) as model inputs. */
  public static List<Violation> check(DataContract contract, List<String> inputs) {
    List<Violation> out = new ArrayList<>();
    for (String input : new LinkedHashSet<>(inputs)) {
      Optional<Feature> f = contract.feature(input);
      String q = "\"" + input + "\"";
      if (f.isEmpty()) {
        out.add(violation(Rule.UNDECLARED_INPUT, input, "model input " + q + " is not declared in contract "
            + contract.name() + ": its meaning, range and availability are unknown"));
        continue;
      }
      Feature feature = f.get();
      if (feature.phi()) {
        out.add(violation(Rule.PHI, input, "model input " + q + " is a phi column: protected health information"
            + " must not be a model input"));
      }
      if (!feature.allowedAtInference()) {
        out.add(violation(Rule.ALLOWED_AT_INFERENCE, input, "model input " + q
            + " is not allowed at inference (allowedAtInference: false)"));
      }
      if (feature.availableAt() == Feature.Availability.AFTER_OUTCOME) {
        out.add(violation(Rule.AVAILABLE_AT, input, "model input " + q
            + " is only known after the outcome (availableAt: after_outcome): using it is leakage"));
      }
    }
    return List.copyOf(out);
  }

  private static Violation violation(Rule rule, String input, String message) {
    return new Violation(rule, Optional.of(input), Optional.empty(), new JsonString(input), JsonNull.INSTANCE, 0,
        List.of(), message);
  }
}
