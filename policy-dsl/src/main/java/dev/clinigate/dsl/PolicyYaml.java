package dev.clinigate.dsl;

import dev.clinigate.ChangeEnvelope;
import dev.clinigate.Policy;
import dev.clinigate.PolicyException;
import dev.clinigate.Problem;
import dev.clinigate.PromotionPolicy;
import dev.clinigate.ReviewPolicy;
import dev.clinigate.RollbackPolicy;
import dev.clinigate.dsl.internal.EnvelopeCompiler;
import dev.clinigate.dsl.internal.PolicyCompiler;
import dev.clinigate.SourceFiles;
import java.nio.file.Path;
import java.util.List;

/**
 * Loads YAML policies into compiled, immutable, thread-safe {@link Policy} objects.
 *
 * <pre>{@code
 * PromotionPolicy policy = PolicyYaml.loadPromotion(Path.of("samples/readmission/policy.yaml"));
 * Decision decision = policy.evaluate(Evidence.load(Path.of("samples/readmission/evidence.json")));
 * System.out.print(decision.explain());
 * }</pre>
 *
 * <p>Loading parses the YAML safely (see {@link Yaml}), validates it against the kind's JSON Schema
 * (shipped in this module under {@code dev/clinigate/dsl/}), resolves {@code extends} (a base policy,
 * relative to the extending file; rules merge by id), then checks its meaning (unknown metrics, duplicate
 * ids, contradictory bounds, typed conditions). Every problem is collected and reported at once in a
 * {@link PolicyException}, each located at {@code file:line:column} (in the base file for problems in a
 * base) with a hint.
 */
public final class PolicyYaml {
  /** Largest policy file accepted by default (1 MiB, {@link dev.clinigate.Limits#maxPolicyBytes()}). */
  public static final long MAX_BYTES = 1024 * 1024;

  private PolicyYaml() {}

  /**
   * Loads a policy of any supported kind from a file; errors name the path as given. {@code extends} is
   * resolved relative to the file.
   */
  public static Policy load(Path file) {
    return load(file, SourceFiles.besideFile(file));
  }

  /**
   * Loads a policy of any supported kind through {@code files}: the file and every base it {@code extends} must lie
   * inside its root and within its limits (see {@link SourceFiles}).
   */
  public static Policy load(Path file, SourceFiles files) {
    return parse(read(file, files), file.toString(), PolicyResolver.files(files));
  }

  private static String read(Path file, SourceFiles files) {
    return files.readText(file, files.limits().maxPolicyBytes(), "maxPolicyBytes");
  }

  /**
   * Parses a policy of any supported kind; {@code sourceName} appears in every error location. A policy
   * that uses {@code extends} is an error here (there is no file to resolve it against): use
   * {@link #load(Path)} or {@link #parse(String, String, PolicyResolver)}.
   */
  public static Policy parse(String source, String sourceName) {
    return parse(source, sourceName, PolicyResolver.none());
  }

  /** Parses a policy, reading the documents it {@code extends} with the resolver. */
  public static Policy parse(String source, String sourceName, PolicyResolver resolver) {
    return PolicyCompiler.compile(source, sourceName, resolver);
  }

  /**
   * Loads a {@code ChangeEnvelope} (a predetermined change control plan for a promotion policy) from a
   * file, through {@code files}.
   */
  public static ChangeEnvelope loadEnvelope(Path file, SourceFiles files) {
    return parseEnvelope(read(file, files), file.toString());
  }

  /** Loads a {@code ChangeEnvelope} from a file; errors name the path as given. */
  public static ChangeEnvelope loadEnvelope(Path file) {
    return loadEnvelope(file, SourceFiles.besideFile(file));
  }

  /** Parses a {@code ChangeEnvelope}; {@code sourceName} appears in every error location. */
  public static ChangeEnvelope parseEnvelope(String source, String sourceName) {
    return EnvelopeCompiler.compile(source, sourceName);
  }

  /** Loads a file that must hold a {@code PromotionPolicy}; {@code extends} is resolved relative to it. */
  public static PromotionPolicy loadPromotion(Path file) {
    return loadPromotion(file, SourceFiles.besideFile(file));
  }

  /** Loads a file that must hold a {@code PromotionPolicy} through {@code files} (root and limits). */
  public static PromotionPolicy loadPromotion(Path file, SourceFiles files) {
    return parsePromotion(read(file, files), file.toString(), PolicyResolver.files(files));
  }

  /** Parses text that must hold a {@code PromotionPolicy} (without {@code extends}). */
  public static PromotionPolicy parsePromotion(String source, String sourceName) {
    return parsePromotion(source, sourceName, PolicyResolver.none());
  }

  /** Parses text that must hold a {@code PromotionPolicy}, resolving {@code extends} with the resolver. */
  public static PromotionPolicy parsePromotion(String source, String sourceName, PolicyResolver resolver) {
    Policy p = parse(source, sourceName, resolver);
    if (p instanceof PromotionPolicy pp) {
      return pp;
    }
    throw new PolicyException(Problem.at(sourceName, 1, 1, "expected kind PromotionPolicy, found "
        + p.kind().yamlName(), "use the command or method for " + p.kind().yamlName()));
  }

  /** Loads a file that must hold a {@code RollbackPolicy}. */
  public static RollbackPolicy loadRollback(Path file) {
    return loadRollback(file, SourceFiles.besideFile(file));
  }

  /** Loads a file that must hold a {@code RollbackPolicy} through {@code files} (root and limits). */
  public static RollbackPolicy loadRollback(Path file, SourceFiles files) {
    return parseRollback(read(file, files), file.toString());
  }

  /** Parses text that must hold a {@code RollbackPolicy}; {@code sourceName} appears in every error location. */
  public static RollbackPolicy parseRollback(String source, String sourceName) {
    return expect(parse(source, sourceName), RollbackPolicy.class, Policy.Kind.ROLLBACK_POLICY, sourceName);
  }

  /** Loads a file that must hold a {@code ReviewPolicy}. */
  public static ReviewPolicy loadReview(Path file) {
    return loadReview(file, SourceFiles.besideFile(file));
  }

  /** Loads a file that must hold a {@code ReviewPolicy} through {@code files} (root and limits). */
  public static ReviewPolicy loadReview(Path file, SourceFiles files) {
    return parseReview(read(file, files), file.toString());
  }

  /** Parses text that must hold a {@code ReviewPolicy}; {@code sourceName} appears in every error location. */
  public static ReviewPolicy parseReview(String source, String sourceName) {
    return expect(parse(source, sourceName), ReviewPolicy.class, Policy.Kind.REVIEW_POLICY, sourceName);
  }

  private static <T extends Policy> T expect(Policy p, Class<T> type, Policy.Kind kind, String sourceName) {
    if (type.isInstance(p)) {
      return type.cast(p);
    }
    throw new PolicyException(Problem.at(sourceName, 1, 1, "expected kind " + kind.yamlName() + ", found "
        + p.kind().yamlName(), "use the command or method for " + p.kind().yamlName()));
  }

  /**
   * Every problem in a policy without throwing, for editors and linters; empty when the policy loads.
   */
  public static List<Problem> validate(String source, String sourceName) {
    return validate(source, sourceName, PolicyResolver.none());
  }

  /** Every problem in a policy (resolving {@code extends} with the resolver), without throwing. */
  public static List<Problem> validate(String source, String sourceName, PolicyResolver resolver) {
    try {
      parse(source, sourceName, resolver);
      return List.of();
    } catch (PolicyException e) {
      return e.problems();
    }
  }
}
