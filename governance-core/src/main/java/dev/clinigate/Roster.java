package dev.clinigate;

import dev.clinigate.internal.Identity;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A roster of principals ({@code kind: Principals}): the people whose signed approvals a promotion policy with
 * {@code approvals.requireSignatures} counts. Load one with {@code PrincipalsYaml.load(path)} (module
 * {@code policy-dsl}) and pass it with {@link EvaluationOptions#withPrincipals(Roster)}.
 *
 * <pre>{@code
 * Roster roster = PrincipalsYaml.load(Path.of("principals.yaml"));
 * Decision d = policy.evaluate(evidence, EvaluationOptions.at(instant).withPrincipals(roster));
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param name the roster's {@code metadata.name}
 * @param principals the people, in file order; no two share an id (after NFKC, trimming and case folding)
 * @param sha256 lower-case hex SHA-256 of the roster file's bytes, for provenance
 * @param signatureVerified whether a detached signature over the roster's bytes was verified with a roster key
 */
public record Roster(String name, List<Principal> principals, String sha256, boolean signatureVerified) {
  /** Validates and copies. */
  public Roster {
    Objects.requireNonNull(name, "name");
    principals = List.copyOf(principals);
    Objects.requireNonNull(sha256, "sha256");
    Map<String, String> seen = new LinkedHashMap<>();
    for (Principal p : principals) {
      String key = Identity.key(p.id()).orElseThrow();
      if (seen.putIfAbsent(key, p.id()) != null) {
        throw new IllegalArgumentException("the roster lists principal " + p.id() + " twice");
      }
    }
  }

  /** The principal an approval names, compared after NFKC, trimming and case folding; empty when not listed. */
  public Optional<Principal> find(String principal) {
    Optional<String> key = Identity.key(principal);
    if (key.isEmpty()) {
      return Optional.empty();
    }
    return principals.stream().filter(p -> Identity.key(p.id()).equals(key)).findFirst();
  }
}
