package dev.clinigate;

import dev.clinigate.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What promotion, rollback and review decisions render alike: the provenance in their JSON
 * ({@code policy}, {@code evaluatedAt}, {@code clinigate}) and in their explanation (the title, the
 * status table and the SHA-256 lines).
 */
final class DecisionText {
  private DecisionText() {}

  /** One line of a status table: status, rule or trigger id, message. */
  record Row(String status, String id, String message) {}

  /** A SHA-256 line of the provenance: {@code <input> sha256 <hex><suffix>}. */
  record Hash(String input, String sha256, String suffix) {
    /** A line without suffix. */
    Hash(String input, String sha256) {
      this(input, sha256, "");
    }
  }

  /** The provenance members of a decision's JSON: {@code policy}, {@code evaluatedAt}, {@code clinigate}. */
  static JsonObject.Builder provenance(JsonObject.Builder b, PolicyMetadata policy, String kind,
      String policySha256, Optional<Instant> evaluatedAt) {
    return b.put("policy", policy.toJson(kind, policySha256))
        .put("evaluatedAt", evaluatedAt.map(Instant::toString).orElse(null))
        .put("clinigate", JsonObject.builder().put("version", Clinigate.version()).build());
  }

  /** The policy part of a title line: {@code : readmission-risk v3 (PromotionPolicy)}. */
  static String titlePolicy(PolicyMetadata policy, String kind) {
    return ": " + policy.name() + " v" + policy.version() + " (" + kind + ")";
  }

  /** Appends the rows as aligned columns (status, id, message), one line each. */
  static void table(StringBuilder b, List<Row> rows) {
    int idWidth = 4;
    int statusWidth = 6;
    for (Row r : rows) {
      idWidth = Math.max(idWidth, r.id().length());
      statusWidth = Math.max(statusWidth, r.status().length());
    }
    for (Row r : rows) {
      b.append(pad(r.status(), statusWidth)).append("  ").append(pad(r.id(), idWidth)).append("  ")
          .append(r.message()).append('\n');
    }
  }

  /** Appends the SHA-256 lines, then {@code evaluated at <instant>} when there is one. */
  static void hashes(StringBuilder b, List<Hash> hashes, Optional<Instant> evaluatedAt) {
    for (Hash h : hashes) {
      b.append(h.input()).append(" sha256 ").append(h.sha256()).append(h.suffix()).append('\n');
    }
    evaluatedAt.ifPresent(t -> b.append("evaluated at ").append(t).append('\n'));
  }

  private static String pad(String s, int width) {
    StringBuilder b = new StringBuilder(s);
    while (b.length() < width) {
      b.append(' ');
    }
    return b.toString();
  }
}
