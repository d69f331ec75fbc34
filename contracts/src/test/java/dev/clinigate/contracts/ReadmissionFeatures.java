package dev.clinigate.contracts;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.Random;

/**
 * The deterministic generator of the synthetic readmission feature samples in {@code samples/data/}
 * (no real patient is behind any row). Regenerate them with
 * {@code java contracts/src/test/java/dev/clinigate/contracts/ReadmissionFeatures.java samples/data}
 * from the repository root; {@link SamplesTest} fails when the committed files differ from what this
 * class produces.
 *
 * <p>Two files: a training snapshot ({@code readmission_features_train.csv}, the drift reference) and
 * a nightly batch ({@code readmission_features.csv}) with four upstream problems a contract should
 * catch: the north site's lab feed switched the last 40 of its creatinine results to µmol/L (values
 * 88.4 times larger: out of range), the east site's creatinine is missing far more often (while the
 * overall missing rate still looks acceptable), the patients are older than in training (age drift),
 * and one encounter was extracted twice.
 */
public final class ReadmissionFeatures {
  private static final String HEADER =
      "encounter_id,mrn,age,sex,site,creatinine,discharge_disposition,extracted_at\n";
  private static final String[] SITES = {"east", "north", "west"};
  private static final String[] DISPOSITIONS = {"home", "home", "home", "home_health", "snf", "rehab", "expired"};

  private ReadmissionFeatures() {}

  /** The training snapshot: 3,000 clean rows extracted in October 2026. */
  public static String training() {
    return generate(20261001L, 3000, 100_000, Instant.parse("2026-10-01T03:00:00Z"), false);
  }

  /** The nightly batch: 2,000 rows extracted on 2026-11-22, with the problems described above. */
  public static String nightly() {
    return generate(20261122L, 2000, 500_000, Instant.parse("2026-11-22T02:00:00Z"), true);
  }

  private static String generate(long seed, int rows, int firstId, Instant extracted, boolean problems) {
    Random random = new Random(seed);
    StringBuilder b = new StringBuilder(HEADER);
    int northSeen = 0;
    int northTotal = 0;
    String[] sites = new String[rows];
    for (int i = 0; i < rows; i++) {
      sites[i] = SITES[random.nextInt(SITES.length)];
      if (sites[i].equals("north")) {
        northTotal++;
      }
    }
    for (int i = 0; i < rows; i++) {
      int id = firstId + i;
      if (problems && i == rows - 1) {
        id = firstId + rows / 2; // the duplicated extract
      }
      int age = Math.min(100, Math.max(18, (int) Math.round((problems ? 72 : 64) + 16 * random.nextGaussian())));
      double u = random.nextDouble();
      String sex = u < 0.52 ? "F" : u < 0.995 ? "M" : "X";
      String site = sites[i];
      double creatinine = Math.exp(Math.log(1.0) + 0.35 * random.nextGaussian()) * (sex.equals("M") ? 1.15 : 1.0);
      creatinine = Math.max(0.2, creatinine);
      boolean missing = random.nextDouble() < (problems && site.equals("east") ? 0.14 : 0.02);
      String value = String.format(Locale.ROOT, "%.2f", creatinine);
      if (site.equals("north")) {
        northSeen++;
        if (problems && northSeen > northTotal - 40) {
          value = String.format(Locale.ROOT, "%.1f", creatinine * 88.4); // µmol/L
        }
      }
      String disposition = DISPOSITIONS[random.nextInt(DISPOSITIONS.length)];
      Instant at = extracted.plusSeconds(random.nextInt(4 * 3600));
      b.append(String.format(Locale.ROOT, "E-%06d,MRN-%06d,%d,%s,%s,%s,%s,%s", id,
          100_000 + random.nextInt(900_000), age, sex, site, missing ? "" : value, disposition, at)).append('\n');
    }
    return b.toString();
  }

  /** Writes both files into the directory given (e.g. {@code samples/data}). */
  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args.length > 0 ? args[0] : "samples/data");
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("readmission_features_train.csv"), training(), StandardCharsets.UTF_8);
    Files.writeString(dir.resolve("readmission_features.csv"), nightly(), StandardCharsets.UTF_8);
  }
}
