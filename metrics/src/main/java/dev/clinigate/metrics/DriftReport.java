package dev.clinigate.metrics;

import dev.clinigate.json.Json;
import dev.clinigate.json.JsonObject;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * The drift of several features, in the order they were added: what {@code clinigate drift} prints.
 *
 * <pre>{@code
 * DriftReport report = DriftReport.builder()
 *     .numeric("glucose", refGlucose, curGlucose, 10)      // double[]: NaN = missing
 *     .categorical("sex", refSex, curSex)                  // String[]: null = missing
 *     .build();
 * report.toJson();   // {"features": {"glucose": {"psi": ..., "ks": ..., ...}, "sex": {...}}}
 * report.toText();   // one aligned line per feature
 * }</pre>
 *
 * @param features drift per feature name (copied, unmodifiable, in the given map's iteration order:
 *     pass a {@code LinkedHashMap} or use the {@link #builder()})
 */
public record DriftReport(Map<String, FeatureDrift> features) {
  /** Copies the features, keeping their order. */
  public DriftReport {
    LinkedHashMap<String, FeatureDrift> copy = new LinkedHashMap<>();
    for (Map.Entry<String, FeatureDrift> e : features.entrySet()) {
      copy.put(Objects.requireNonNull(e.getKey(), "feature name"), Objects.requireNonNull(e.getValue(), "drift"));
    }
    features = Collections.unmodifiableMap(copy);
  }

  /** A builder that keeps insertion order. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * {@code {"features": {"<name>": {...}}}} with each feature's {@link FeatureDrift#toJson()}:
   * {@code psi, ks, wasserstein, js_distance, missing_rate} first, then type-specific keys, then
   * {@code histogram} ({@link DriftBins#toJson()}) when the drift has one.
   */
  public JsonObject toJson() {
    JsonObject.Builder f = JsonObject.builder();
    for (Map.Entry<String, FeatureDrift> e : features.entrySet()) {
      JsonObject d = e.getValue().toJson();
      if (e.getValue().histogram().isPresent()) {
        JsonObject.Builder withBins = JsonObject.builder();
        d.members().forEach(withBins::put);
        d = withBins.put("histogram", e.getValue().histogram().get().toJson()).build();
      }
      f.put(e.getKey(), d);
    }
    return JsonObject.builder().put("features", f.build()).build();
  }

  /**
   * A readable table, one line per feature, numbers rounded (PSI, KS, JS distance and rates to 4
   * decimals, Wasserstein and chi-square to 4 significant digits, p-values to 3), "-" where a
   * statistic is undefined or does not apply; undefined reasons, KS/Wasserstein bounds and unseen
   * categories follow the table. Ends with a newline.
   */
  public String toText() {
    String[] header = {"feature", "type", "n_ref", "n_cur", "missing", "psi", "js_distance", "ks", "ks_p",
        "wasserstein", "chi2", "chi2_p"};
    String[][] rows = new String[features.size()][];
    StringBuilder notes = new StringBuilder();
    int r = 0;
    for (Map.Entry<String, FeatureDrift> e : features.entrySet()) {
      FeatureDrift d = e.getValue();
      String[] row = new String[header.length];
      row[0] = e.getKey();
      row[1] = d.type() == FeatureDrift.Type.NUMERIC ? "numeric" : "categorical";
      row[2] = Long.toString(d.reference().values());
      row[3] = Long.toString(d.current().values());
      row[4] = fixed(d.missingRate());
      row[5] = fixed(d.psi());
      row[6] = fixed(d.jsDistance());
      if (d instanceof NumericDrift n) {
        row[7] = fixed(n.ks());
        row[8] = sig(n.ksPValue(), 3);
        row[9] = sig(n.wasserstein(), 4);
        row[10] = "-";
        row[11] = "-";
        n.ksBounds().ifPresent(b -> notes.append(e.getKey()).append(": ks within [").append(Json.fixed(b.lower(), 4))
            .append(", ").append(Json.fixed(b.upper(), 4)).append("]\n"));
        n.wassersteinBounds().ifPresent(b -> notes.append(e.getKey()).append(": wasserstein within [")
            .append(Json.significant(b.lower(), 4)).append(", ").append(Json.significant(b.upper(), 4)).append("]\n"));
      } else {
        CategoricalDrift c = (CategoricalDrift) d;
        row[7] = "-";
        row[8] = "-";
        row[9] = "-";
        row[10] = sig(c.chi2(), 4);
        row[11] = sig(c.chi2PValue(), 3);
        if (!c.unseenCategories().isEmpty()) {
          notes.append(e.getKey()).append(": categories not in the reference: ")
              .append(String.join(", ", c.unseenCategories())).append('\n');
        }
      }
      d.undefinedReason().ifPresent(reason -> notes.append(e.getKey()).append(": undefined: ").append(reason)
          .append('\n'));
      rows[r++] = row;
    }
    int[] width = new int[header.length];
    for (int i = 0; i < header.length; i++) {
      width[i] = header[i].length();
      for (String[] row : rows) {
        width[i] = Math.max(width[i], row[i].length());
      }
    }
    StringBuilder b = new StringBuilder();
    line(b, header, width);
    for (String[] row : rows) {
      line(b, row, width);
    }
    return b.append(notes).toString();
  }

  private static void line(StringBuilder b, String[] cells, int[] width) {
    StringBuilder l = new StringBuilder();
    for (int i = 0; i < cells.length; i++) {
      if (i > 0) {
        l.append("  ");
      }
      String c = cells[i];
      if (i < 2) {
        l.append(c).append(" ".repeat(width[i] - c.length()));
      } else {
        l.append(" ".repeat(width[i] - c.length())).append(c);
      }
    }
    int end = l.length();
    while (end > 0 && l.charAt(end - 1) == ' ') {
      end--;
    }
    b.append(l, 0, end).append('\n');
  }

  private static String fixed(OptionalDouble v) {
    return v.isPresent() ? Json.fixed(v.getAsDouble(), 4) : "-";
  }

  private static String sig(OptionalDouble v, int digits) {
    return v.isPresent() ? Json.significant(v.getAsDouble(), digits) : "-";
  }

  /** Builds a {@link DriftReport}; feature names must be distinct. */
  public static final class Builder {
    private final LinkedHashMap<String, FeatureDrift> features = new LinkedHashMap<>();

    private Builder() {}

    /** Adds an already computed drift. */
    public Builder add(String feature, FeatureDrift drift) {
      Objects.requireNonNull(feature, "feature");
      Objects.requireNonNull(drift, "drift");
      if (features.containsKey(feature)) {
        throw new IllegalArgumentException("feature \"" + feature + "\" was added twice");
      }
      features.put(feature, drift);
      return this;
    }

    /** Adds a numeric feature with {@value Drift#DEFAULT_BINS} PSI bins (NaN = missing). */
    public Builder numeric(String feature, double[] reference, double[] current) {
      return numeric(feature, reference, current, Drift.DEFAULT_BINS);
    }

    /** Adds a numeric feature (NaN = missing); input errors name the feature. */
    public Builder numeric(String feature, double[] reference, double[] current, int bins) {
      Objects.requireNonNull(feature, "feature");
      return add(feature, Drift.numeric(feature, reference, current, bins));
    }

    /** Adds a categorical feature (null = missing); input errors name the feature. */
    public Builder categorical(String feature, String[] reference, String[] current) {
      Objects.requireNonNull(feature, "feature");
      return add(feature, Drift.categorical(feature, reference, current));
    }

    /** The report. */
    public DriftReport build() {
      return new DriftReport(features);
    }
  }
}
