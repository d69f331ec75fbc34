package dev.clinigate.contracts;

import dev.clinigate.PolicyException;
import dev.clinigate.Problem;
import dev.clinigate.contracts.internal.ContractBinder;
import dev.clinigate.dsl.SchemaValidator;
import dev.clinigate.dsl.Yaml;
import dev.clinigate.SourceFiles;
import dev.clinigate.json.JsonDocument;
import dev.clinigate.json.JsonObject;
import dev.clinigate.json.JsonString;
import dev.clinigate.json.JsonValue;
import java.nio.file.Path;
import java.util.List;

/**
 * Loads data contract YAML ({@code kind: DataContract}) into immutable, thread-safe {@link DataContract}s.
 *
 * <pre>{@code
 * DataContract contract = DataContracts.load(Path.of("samples/contracts/pima.contract.yaml"));
 * ContractResult result = ContractChecker.builder(contract).build()
 *     .check(Path.of("samples/data/pima_diabetes.csv"));
 * }</pre>
 *
 * <p>Loading parses the YAML safely (no tags, no aliases, bounded size; see {@link Yaml}), validates it
 * against the JSON Schema shipped as {@value #SCHEMA}, then checks its meaning: duplicate feature
 * names, a range whose minimum exceeds its maximum, drift on a type that has no reference, a pattern
 * that does not compile, unknown columns in {@code maxMissingBy}, {@code primaryKey} or
 * {@code freshness}. Every problem is collected and reported at once in a {@link PolicyException},
 * each as {@code ERROR: file:line:col: message} with the source line and a hint.
 */
public final class DataContracts {
  /** The classpath resource of the data contract JSON Schema (draft-07). */
  public static final String SCHEMA = "/dev/clinigate/contracts/data-contract.schema.json";
  /** Largest contract file accepted (1 MiB). */
  public static final long MAX_BYTES = 1024 * 1024;

  private static final List<String> POLICY_KINDS = List.of("PromotionPolicy", "RollbackPolicy", "ReviewPolicy");
  private static final SchemaValidator VALIDATOR = SchemaValidator.forResource(SCHEMA);

  private DataContracts() {}

  /**
   * Loads a contract file (UTF-8); errors name the path as given.
   *
   * @throws PolicyException listing every problem in the contract
   * @throws dev.clinigate.InputException if the file cannot be read
   */
  public static DataContract load(Path file) {
    return load(file, SourceFiles.besideFile(file));
  }

  /**
   * Loads a contract file through {@code files} (its root, and {@link dev.clinigate.Limits#maxPolicyBytes()}).
   *
   * @throws PolicyException listing every problem in the contract
   * @throws dev.clinigate.InputException if the file may not or cannot be read
   */
  public static DataContract load(Path file, SourceFiles files) {
    return parse(files.readText(file, files.limits().maxPolicyBytes(), "maxPolicyBytes"), file.toString());
  }

  /**
   * Parses contract YAML; {@code sourceName} appears in every error location.
   *
   * @throws PolicyException listing every problem in the contract
   */
  public static DataContract parse(String source, String sourceName) {
    JsonDocument doc = Yaml.parse(source, sourceName);
    if (doc.root() instanceof JsonObject) {
      JsonValue kind = ((JsonObject) doc.root()).members().get("kind");
      if (kind instanceof JsonString && POLICY_KINDS.contains(((JsonString) kind).value())) {
        throw new PolicyException(doc.problem("$.kind", "expected kind DataContract, found "
            + ((JsonString) kind).value(), "a policy is evaluated with 'clinigate evaluate --policy', not used as a"
            + " data contract"));
      }
    }
    List<Problem> problems = VALIDATOR.validate(doc);
    if (!problems.isEmpty()) {
      throw new PolicyException(problems);
    }
    return ContractBinder.bind(doc);
  }

  /**
   * Every problem in a contract without throwing, for editors and linters; empty when it loads. Unlike
   * {@link #parse}, which stops at the schema's problems, this also reports what the semantic checks find (a
   * reversed range, a feature declared twice) at every place the schema did not already flag, so that one run shows
   * all there is to fix.
   */
  public static List<Problem> validate(String source, String sourceName) {
    JsonDocument doc;
    try {
      doc = Yaml.parse(source, sourceName);
    } catch (PolicyException e) {
      return e.problems();
    }
    try {
      parse(source, sourceName);
      return List.of();
    } catch (PolicyException e) {
      List<Problem> schema = VALIDATOR.validate(doc);
      if (schema.isEmpty() || !e.problems().equals(schema)) {
        return e.problems(); // the semantic checks ran, or parse stopped before the schema (e.g. a policy's kind)
      }
      // collecting mode: the binder re-checks every value it reads, so it runs safely on a schema-invalid document
      java.util.Set<String> flagged = new java.util.HashSet<>();
      schema.forEach(p -> flagged.add(p.source() + ":" + p.line() + ":" + p.column()));
      java.util.TreeSet<Problem> all = new java.util.TreeSet<>(schema);
      try {
        ContractBinder.bind(doc);
      } catch (PolicyException bound) {
        bound.problems().stream().filter(p -> !flagged.contains(p.source() + ":" + p.line() + ":" + p.column()))
            .forEach(all::add);
      }
      return List.copyOf(all);
    }
  }
}
