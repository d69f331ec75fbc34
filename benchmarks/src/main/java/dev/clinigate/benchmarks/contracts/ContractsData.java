package dev.clinigate.benchmarks.contracts;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * Synthetic data for the contract benchmarks: 20 columns (an id, 12 lab numbers, 3 integers, 3
 * categories and an extraction timestamp), about 1% missing numbers, and the matching 20-feature
 * contract with drift rules on 18 features, plus the same rules as a JSON Schema for everit.
 * Deterministic for a given seed.
 */
public final class ContractsData {
  /** The column names, in file order. */
  public static final String[] COLUMNS = {"id", "lab01", "lab02", "lab03", "lab04", "lab05", "lab06", "lab07", "lab08",
      "lab09", "lab10", "lab11", "lab12", "age", "los_days", "prior_visits", "sex", "site", "ward", "extracted_at"};
  private static final String[] SEX = {"F", "M", "X"};
  private static final String[] SITE = {"east", "north", "south", "west"};
  private static final String[] WARD = {"cardiology", "icu", "medicine", "oncology", "surgery"};

  private ContractsData() {}

  /** The 20-feature contract (drift against a reference on every numeric and categorical feature). */
  public static String contractYaml() {
    StringBuilder b = new StringBuilder("apiVersion: clinigate/v1\nkind: DataContract\n"
        + "metadata: {name: benchmark-features, version: 1}\n"
        + "spec:\n  rows: {min: 1000}\n  freshness: {column: extracted_at, maxAge: 7d}\n  primaryKey: [id]\n"
        + "  missingValues: ['', NA]\n  features:\n"
        + "    - {name: id, type: string, pattern: \"P[0-9]{7}\"}\n");
    for (int i = 1; i <= 12; i++) {
      b.append(String.format(java.util.Locale.ROOT,
          "    - {name: lab%02d, type: number, unit: mg/dL, range: [0, 1000], maxMissing: 0.05,"
              + " drift: {method: %s, max: 0.25}}\n", i, i % 4 == 0 ? "js_distance" : "psi"));
    }
    b.append("    - {name: age, type: integer, range: [18, 110], maxMissing: 0.0, drift: {method: psi, max: 0.2}}\n")
        .append("    - {name: los_days, type: integer, range: [0, 365], drift: {method: psi, max: 0.2}}\n")
        .append("    - {name: prior_visits, type: integer, range: [0, 100], drift: {method: psi, max: 0.2}}\n")
        .append("    - {name: sex, type: category, allowed: [F, M, X], drift: {method: chi2, max: 50}}\n")
        .append("    - {name: site, type: category, allowed: [east, north, south, west],"
            + " maxMissingBy: {column: [sex], max: 0.5}, drift: {method: psi, max: 0.2}}\n")
        .append("    - {name: ward, type: category, allowed: [cardiology, icu, medicine, oncology, surgery],"
            + " drift: {method: js_distance, max: 0.1}}\n")
        .append("    - {name: extracted_at, type: timestamp}\n");
    return b.toString();
  }

  /** The same per-value rules as a draft-07 JSON Schema for one row (numbers null when missing). */
  public static String everitSchema() {
    StringBuilder b = new StringBuilder("{\"$schema\": \"http://json-schema.org/draft-07/schema#\", \"type\": \"object\","
        + " \"additionalProperties\": false, \"required\": [");
    for (int i = 0; i < COLUMNS.length; i++) {
      b.append(i > 0 ? ", " : "").append('"').append(COLUMNS[i]).append('"');
    }
    b.append("], \"properties\": {\"id\": {\"type\": \"string\", \"pattern\": \"^P[0-9]{7}$\"}");
    for (int i = 1; i <= 12; i++) {
      b.append(String.format(java.util.Locale.ROOT,
          ", \"lab%02d\": {\"type\": [\"number\", \"null\"], \"minimum\": 0, \"maximum\": 1000}", i));
    }
    b.append(", \"age\": {\"type\": \"integer\", \"minimum\": 18, \"maximum\": 110}")
        .append(", \"los_days\": {\"type\": [\"integer\", \"null\"], \"minimum\": 0, \"maximum\": 365}")
        .append(", \"prior_visits\": {\"type\": [\"integer\", \"null\"], \"minimum\": 0, \"maximum\": 100}")
        .append(", \"sex\": {\"enum\": [\"F\", \"M\", \"X\", null]}")
        .append(", \"site\": {\"enum\": [\"east\", \"north\", \"south\", \"west\", null]}")
        .append(", \"ward\": {\"enum\": [\"cardiology\", \"icu\", \"medicine\", \"oncology\", \"surgery\", null]}")
        .append(", \"extracted_at\": {\"type\": \"string\", \"format\": \"date-time\"}}}");
    return b.toString();
  }

  /** Writes {@code rows} data rows with increasing ids; {@code shift} moves the lab values. */
  public static void writeCsv(Path file, long rows, long seed, double shift) throws IOException {
    writeCsv(file, rows, seed, shift, false);
  }

  /**
   * Writes {@code rows} data rows; {@code shift} moves the lab values (0 for a reference-like sample);
   * {@code shuffledIds} writes the ids (still distinct while {@code rows} is below 9,000,000 and coprime
   * with 7,919) in a scrambled order instead of increasing.
   */
  public static void writeCsv(Path file, long rows, long seed, double shift, boolean shuffledIds)
      throws IOException {
    SplittableRandom r = new SplittableRandom(seed);
    StringBuilder b = new StringBuilder(256);
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      w.write(String.join(",", COLUMNS));
      w.write('\n');
      for (long i = 0; i < rows; i++) {
        b.setLength(0);
        b.append('P');
        long k = shuffledIds ? (i * 7919 + 13) % rows : i;
        String id = Long.toString(1_000_000 + k % 9_000_000);
        b.append(id);
        for (int lab = 0; lab < 12; lab++) {
          b.append(',');
          if (r.nextInt(100) != 0) {
            fixed2(b, Math.max(0, 20 + 5 * lab + 8 * gaussian(r) + shift));
          }
        }
        b.append(',').append(18 + r.nextInt(90));
        b.append(',').append(r.nextInt(30));
        b.append(',').append(r.nextInt(12));
        b.append(',').append(SEX[r.nextInt(100) < 50 ? 0 : r.nextInt(100) < 99 ? 1 : 2]);
        b.append(',').append(SITE[r.nextInt(SITE.length)]);
        b.append(',').append(WARD[r.nextInt(WARD.length)]);
        b.append(",2026-11-2").append(1 + r.nextInt(2)).append('T');
        int h = r.nextInt(24);
        int m = r.nextInt(60);
        b.append(h < 10 ? "0" : "").append(h).append(':').append(m < 10 ? "0" : "").append(m).append(":00Z\n");
        w.append(b);
      }
    }
  }

  private static double gaussian(SplittableRandom r) {
    double s = 0;
    for (int k = 0; k < 4; k++) {
      s += r.nextDouble();
    }
    return (s - 2) * Math.sqrt(3);
  }

  /** Appends a non-negative number with two decimals, without String.format (fast enough for gigabytes). */
  private static void fixed2(StringBuilder b, double v) {
    long cents = Math.round(v * 100);
    b.append(cents / 100).append('.');
    long c = cents % 100;
    b.append(c < 10 ? "0" : "").append(c);
  }
}
