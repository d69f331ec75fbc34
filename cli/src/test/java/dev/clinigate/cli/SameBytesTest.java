package dev.clinigate.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Same bytes everywhere: the CLI, run in fresh JVMs under other locales, time zones, identity hash codes
 * and (where one is installed) another JDK, prints byte-identical decision, metrics and drift JSON.
 *
 * <p>The second JDK is {@value #SECOND_JDK} (JDK 25 on the build machine: its {@code Double.toString}
 * differs from JDK 17's, which is what canonical numbers must not depend on). Where it is absent, that part
 * is skipped with a printed reason, also under {@code CI=true}: which JDKs a CI runner has is the runner's
 * business, and the numbers themselves are checked JVM-independently by {@code ShortestDecimalTest}.
 */
class SameBytesTest {
  static final String SECOND_JDK = "/usr/lib/jvm/temurin-25-jdk-amd64";

  @TempDir
  Path dir;

  /** One JVM setting: environment variables and JVM options. */
  private record Setting(String name, Map<String, String> env, List<String> jvm) {}

  private static List<Setting> settings() {
    return List.of(
        new Setting("LANG=C", Map.of("LANG", "C", "LC_ALL", "C"), List.of()),
        new Setting("tr_TR", Map.of("LANG", "tr_TR.UTF-8", "LC_ALL", "tr_TR.UTF-8"),
            List.of("-Duser.language=tr", "-Duser.country=TR")),
        new Setting("de_DE, Pacific/Kiritimati", Map.of("LC_ALL", "de_DE.UTF-8", "TZ", "Pacific/Kiritimati"),
            List.of("-Duser.language=de", "-Duser.country=DE", "-Duser.timezone=Pacific/Kiritimati")),
        new Setting("hashCode=2, ISO-8859-1", Map.of("TZ", "America/St_Johns"),
            List.of("-XX:+UnlockExperimentalVMOptions", "-XX:hashCode=2", "-Dfile.encoding=ISO-8859-1")));
  }

  private List<List<String>> commands() throws IOException {
    Path root = Path.of("..").toAbsolutePath().normalize();
    // evidence with numbers whose Double.toString differs between JDK 17 and 19+, and non-ASCII subgroups
    Path evidence = dir.resolve("evidence.json");
    String sample = Files.readString(root.resolve("samples/readmission/evidence.json"), StandardCharsets.UTF_8);
    String extra = "\"extras\": {\"big\": 1e23, \"tiny\": 2e-323, \"sum\": 0.30000000000000004, \"site\": \"Zürich\"},";
    Files.writeString(evidence, sample.replaceFirst("\\{", "{" + extra), StandardCharsets.UTF_8);
    Path policy = dir.resolve("policy.yaml");
    String samplePolicy = Files.readString(root.resolve("samples/readmission/policy.yaml"), StandardCharsets.UTF_8);
    assertTrue(samplePolicy.contains("\n  gates:\n"), samplePolicy);
    Files.writeString(policy, samplePolicy.replace("\n  gates:\n",
        "\n  gates:\n    - {id: extra, when: \"n >= 1e23 || auroc >= 0.5\"}\n"), StandardCharsets.UTF_8);
    Path predictions = dir.resolve("predictions.csv");
    StringBuilder csv = new StringBuilder("label,score,standort\n");
    String[] sites = {"Zürich-Ost", "İstanbul", "ıspir", "Genève"};
    for (int i = 0; i < 400; i++) {
      csv.append(i % 3 == 0 ? 1 : 0).append(',').append((i * 37 % 400) / 400.0 + 1e-7 * i).append(',')
          .append(sites[i % sites.length]).append('\n');
    }
    Files.writeString(predictions, csv.toString(), StandardCharsets.UTF_8);
    String data = root.resolve("samples/data/readmission_features.csv").toString();
    String train = root.resolve("samples/data/readmission_features_train.csv").toString();
    return List.of(
        List.of("evaluate", "--policy", policy.toString(), "--evidence", evidence.toString(), "--format", "json",
            "--at", "2026-03-01T09:00:00Z"),
        List.of("evaluate", "--policy", policy.toString(), "--evidence", evidence.toString()),
        List.of("metrics", "--predictions", predictions.toString(), "--label", "label", "--score", "score",
            "--group", "standort", "--threshold", "0.3", "--format", "json"),
        List.of("drift", "--reference", train, "--current", data, "--feature", "age", "--feature", "creatinine",
            "--feature", "site", "--format", "json"));
  }

  private static byte[] run(String java, Setting s, List<String> args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(java);
    cmd.add("-Xmx256m");
    cmd.addAll(s.jvm());
    cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
    cmd.addAll(args);
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD);
    pb.environment().putAll(s.env());
    Process p = pb.start();
    byte[] out = p.getInputStream().readAllBytes();
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "timed out: " + cmd);
    assertTrue(p.exitValue() <= 1, s.name() + ": exit " + p.exitValue() + " for " + args);
    return out;
  }

  @Test
  void cli_otherLocalesTimeZonesHashCodesAndJdks_printTheSameBytes() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Map<String, byte[]> baseline = new LinkedHashMap<>();
    List<List<String>> commands = commands();
    for (List<String> c : commands) {
      CliRunner inProcess = CliRunner.run(c.toArray(String[]::new));
      assertTrue(inProcess.exit() <= 1, c + " exit " + inProcess.exit() + ":\n" + inProcess.err());
      baseline.put(String.join(" ", c), inProcess.out().getBytes(StandardCharsets.UTF_8));
      if (c.get(0).equals("metrics")) {
        assertTrue(inProcess.out().contains("\"İstanbul\"") && inProcess.out().contains("\"ıspir\""),
            "the inputs exercise non-ASCII text: " + inProcess.out());
      }
    }
    List<String> javas = new ArrayList<>(List.of(java));
    Path second = Path.of(SECOND_JDK, "bin", "java");
    if (Files.isExecutable(second)) {
      javas.add(second.toString());
    } else {
      System.out.println("SameBytesTest: second JDK not run: " + second + " is absent on this machine");
    }
    int runs = 0;
    for (String j : javas) {
      List<Setting> settings = j.equals(java) ? settings() : List.of(settings().get(0), settings().get(1),
          settings().get(3));
      for (Setting s : settings) {
        for (List<String> c : commands) {
          String key = String.join(" ", c);
          byte[] got = run(j, s, c);
          assertArrayEquals(baseline.get(key), got, j + " under " + s.name() + ": " + key + "\nexpected:\n"
              + new String(baseline.get(key), StandardCharsets.UTF_8) + "\nactual:\n"
              + new String(got, StandardCharsets.UTF_8));
          runs++;
        }
      }
    }
    assertEquals((settings().size() + (javas.size() - 1) * 3) * commands.size(), runs);
  }
}
