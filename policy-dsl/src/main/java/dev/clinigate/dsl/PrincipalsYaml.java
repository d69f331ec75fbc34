package dev.clinigate.dsl;

import dev.clinigate.ApprovalSigner;
import dev.clinigate.InputException;
import dev.clinigate.PolicyException;
import dev.clinigate.Principal;
import dev.clinigate.Problem;
import dev.clinigate.Roster;
import dev.clinigate.SigningKeys;
import dev.clinigate.SourceFiles;
import dev.clinigate.json.Json;
import dev.clinigate.json.JsonArray;
import dev.clinigate.json.JsonDocument;
import dev.clinigate.json.JsonObject;
import dev.clinigate.json.JsonString;
import dev.clinigate.json.JsonValue;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Loads a roster of principals ({@code kind: Principals}) from YAML: the people whose signed approvals count,
 * with their roles, validity and Ed25519 public keys.
 *
 * <pre>{@code
 * Roster roster = PrincipalsYaml.load(Path.of("principals.yaml"));
 * Decision d = policy.evaluate(evidence, EvaluationOptions.at(instant).withPrincipals(roster));
 * }</pre>
 *
 * <pre>
 * apiVersion: clinigate/v1
 * kind: Principals
 * metadata: {name: governance-board, version: 3}
 * spec:
 *   principals:
 *     - id: bob
 *       displayName: Dr. Bob Ahmed
 *       roles: [data-science-lead]
 *       validFrom: "2026-01-01T00:00:00Z"
 *       validUntil: "2027-01-01T00:00:00Z"      # optional; the entry is valid before it
 *       publicKey: |                            # PEM SubjectPublicKeyInfo (openssl pkey -pubout)
 *         -----BEGIN PUBLIC KEY-----
 *         MCowBQYDK2VwAyEA...
 *         -----END PUBLIC KEY-----
 * </pre>
 *
 * <p>The roster is validated against {@code dev/clinigate/dsl/principals.schema.json}; every problem is reported
 * at once, at {@code file:line:col}. A roster may be signed: the detached signature {@code <roster file>.sig}
 * (base64 Ed25519 over the roster file's exact bytes) is verified by {@link #load(Path, SourceFiles, PublicKey)}
 * with the roster key, which the evaluator is given out of band (see docs/policy-language.md, "Signed approvals").
 */
public final class PrincipalsYaml {
  /** The classpath resource of the roster JSON Schema (draft-07). */
  public static final String SCHEMA = "/dev/clinigate/dsl/principals.schema.json";
  /** The suffix of a roster's detached signature file: {@code principals.yaml.sig}. */
  public static final String SIGNATURE_SUFFIX = ".sig";

  private static final SchemaValidator VALIDATOR = SchemaValidator.forResource(SCHEMA);

  private PrincipalsYaml() {}

  /** Loads a roster file, confined to its folder; its signature, if any, is not checked. */
  public static Roster load(Path file) {
    return load(file, SourceFiles.besideFile(file));
  }

  /**
   * Loads a roster file through {@code files} (root and limits); its signature, if any, is not checked.
   *
   * @throws PolicyException listing every problem in the roster
   * @throws InputException when the file may not or cannot be read
   */
  public static Roster load(Path file, SourceFiles files) {
    byte[] bytes = files.readBytes(file, files.limits().maxPolicyBytes(), "maxPolicyBytes");
    return parse(text(bytes, file), file.toString(), Json.sha256Hex(bytes), false);
  }

  /**
   * Loads a roster file and verifies its detached signature {@code <file>.sig} (read through {@code files}) with
   * {@code rosterKey}; the roster is refused when the signature is absent or does not verify.
   *
   * @throws InputException naming the signature file when it is missing, malformed or does not verify
   * @throws PolicyException listing every problem in the roster
   */
  public static Roster load(Path file, SourceFiles files, PublicKey rosterKey) {
    byte[] bytes = files.readBytes(file, files.limits().maxPolicyBytes(), "maxPolicyBytes");
    Path sigFile = signatureFile(file);
    String sig = files.readText(sigFile, files.limits().maxPolicyBytes(), "maxPolicyBytes");
    if (ApprovalSigner.decode(sig).isEmpty()) {
      throw new InputException(Problem.at(sigFile.toString(), 1, 1, "is not an Ed25519 signature (64 bytes in "
          + "base64)", "sign the roster with 'clinigate sign-approval --roster " + file + " --key ROSTER-KEY.pem'"));
    }
    if (!ApprovalSigner.verify(bytes, sig, rosterKey)) {
      throw new InputException(Problem.at(sigFile.toString(), 1, 1, "the roster's signature does not verify with "
          + "the roster key: " + file + " was changed after it was signed, or was signed with another key",
          "have the roster's keeper review the roster and sign it again ('clinigate sign-approval --roster "
              + file + " --key ROSTER-KEY.pem')"));
    }
    return parse(text(bytes, file), file.toString(), Json.sha256Hex(bytes), true);
  }

  /** The detached signature file of a roster: the roster's path with {@value #SIGNATURE_SUFFIX} appended. */
  public static Path signatureFile(Path roster) {
    return roster.resolveSibling(roster.getFileName().toString() + SIGNATURE_SUFFIX);
  }

  /**
   * Parses roster YAML; {@code sourceName} appears in every error location. The roster is marked unsigned.
   *
   * @throws PolicyException listing every problem in the roster
   */
  public static Roster parse(String source, String sourceName) {
    return parse(source, sourceName, Json.sha256Hex(source.getBytes(StandardCharsets.UTF_8)), false);
  }

  private static String text(byte[] bytes, Path file) {
    String s = new String(bytes, StandardCharsets.UTF_8);
    if (!java.util.Arrays.equals(s.getBytes(StandardCharsets.UTF_8), bytes)) {
      throw new InputException(Problem.at(file.toString(), 0, 0, "file is not valid UTF-8", "save the file as UTF-8"));
    }
    return s;
  }

  private static Roster parse(String source, String sourceName, String sha256, boolean signed) {
    JsonDocument doc = Yaml.parse(source, sourceName);
    if (doc.root() instanceof JsonObject o && o.members().get("kind") instanceof JsonString k
        && !k.value().equals("Principals") && List.of("PromotionPolicy", "RollbackPolicy", "ReviewPolicy",
            "DataContract", "PolicyTest").contains(k.value())) {
      throw new PolicyException(doc.problem("$.kind", "expected kind Principals, found " + k.value(),
          "give --principals a roster of principals (kind: Principals)"));
    }
    List<Problem> problems = new ArrayList<>(VALIDATOR.validate(doc));
    if (!problems.isEmpty()) {
      throw new PolicyException(problems);
    }
    JsonObject root = (JsonObject) doc.root();
    JsonObject meta = (JsonObject) root.members().get("metadata");
    String name = ((JsonString) meta.members().get("name")).value();
    JsonArray list = (JsonArray) ((JsonObject) root.members().get("spec")).members().get("principals");
    List<Principal> principals = new ArrayList<>();
    Map<String, String> ids = new LinkedHashMap<>(); // folded id -> path of its first entry
    for (int i = 0; i < list.elements().size(); i++) {
      String at = "$.spec.principals[" + i + "]";
      JsonObject p = (JsonObject) list.elements().get(i);
      String id = str(p, "id");
      String folded = fold(id);
      if (folded.isEmpty()) {
        problems.add(doc.problem(at + ".id", "id is blank", "write the identifier approvals name, e.g. id: bob"));
        continue;
      }
      String first = ids.putIfAbsent(folded, at);
      if (first != null) {
        problems.add(doc.problem(at + ".id", "principal \"" + id + "\" is listed twice (also at " + first
            + "; ids compare after NFKC normalisation, trimming and case folding)", "list each person once"));
        continue;
      }
      Optional<Instant> from = instant(doc, p, at, "validFrom", problems);
      Optional<Instant> until = p.members().containsKey("validUntil") ? instant(doc, p, at, "validUntil", problems)
          : Optional.empty();
      if (from.isPresent() && until.isPresent() && !until.get().isAfter(from.get())) {
        problems.add(doc.problem(at + ".validUntil", "validUntil " + until.get() + " is not after validFrom "
            + from.get(), "the entry is valid from validFrom until just before validUntil"));
        continue;
      }
      PublicKey key;
      try {
        key = SigningKeys.publicKey(str(p, "publicKey"), sourceName, 0);
      } catch (InputException e) {
        problems.add(doc.problem(at + ".publicKey", "the publicKey of principal \"" + id + "\" "
            + e.problems().get(0).message(), e.problems().get(0).hint()));
        continue;
      }
      if (from.isEmpty() || p.members().containsKey("validUntil") && until.isEmpty()) {
        continue;
      }
      List<String> roles = new ArrayList<>();
      for (JsonValue r : ((JsonArray) p.members().get("roles")).elements()) {
        roles.add(((JsonString) r).value());
      }
      try {
        principals.add(new Principal(id, str(p, "displayName"), roles, from.get(), until, key));
      } catch (IllegalArgumentException e) {
        problems.add(doc.problem(at, e.getMessage(), "give the principal a non-blank id and roles"));
      }
    }
    if (!problems.isEmpty()) {
      throw new PolicyException(problems);
    }
    try {
      return new Roster(name, principals, sha256, signed);
    } catch (IllegalArgumentException e) { // ids that only invisible characters tell apart
      throw new PolicyException(doc.problem("$.spec.principals", e.getMessage(), "list each person once"));
    }
  }

  private static Optional<Instant> instant(JsonDocument doc, JsonObject p, String at, String key,
      List<Problem> problems) {
    String text = str(p, key);
    try {
      return Optional.of(OffsetDateTime.parse(text).toInstant());
    } catch (DateTimeParseException e) {
      problems.add(doc.problem(at + "." + key, key + " \"" + text + "\" is not an ISO-8601 date-time with an offset",
          "write e.g. " + key + ": \"2026-01-01T00:00:00Z\" (quoted)"));
      return Optional.empty();
    }
  }

  /** The comparison key of an id: NFKC, trimmed, case folded (as dev.clinigate compares principals). */
  private static String fold(String id) {
    return java.text.Normalizer.normalize(id, java.text.Normalizer.Form.NFKC).strip()
        .toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT);
  }

  private static String str(JsonObject o, String key) {
    return ((JsonString) o.members().get(key)).value();
  }
}
