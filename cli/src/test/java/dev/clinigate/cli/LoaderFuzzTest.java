package dev.clinigate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import dev.clinigate.ClinigateException;
import dev.clinigate.Evidence;
import dev.clinigate.EvidenceException;
import dev.clinigate.Inference;
import dev.clinigate.InputException;
import dev.clinigate.Limits;
import dev.clinigate.MonitoringWindow;
import dev.clinigate.PolicyException;
import dev.clinigate.SourceFiles;
import dev.clinigate.contracts.CsvReader;
import dev.clinigate.contracts.DataContracts;
import dev.clinigate.dsl.PolicyYaml;
import dev.clinigate.dsl.Yaml;
import dev.clinigate.json.Json;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Fuzzing of every loader (JSON evidence, YAML policies and contracts, CSV, monitoring windows in JSON Lines,
 * inferences, and file reads of random bytes): whatever the input, only the documented exception escapes — a
 * {@link ClinigateException} of the documented kind — never an unchecked Java exception, a {@link StackOverflowError}
 * or an {@link OutOfMemoryError}. Runs with {@code -Xmx256m} (cli/pom.xml), like the bad-input corpus.
 */
class LoaderFuzzTest {
  private static final String EVIDENCE = read("src/test/resources/bad-input/files/ok/evidence.json");
  private static final String POLICY = read("src/test/resources/bad-input/files/ok/policy.yaml");
  private static final String CONTRACT = read("src/test/resources/bad-input/files/ok/contract.yaml");
  private static final String WINDOWS = read("src/test/resources/bad-input/files/ok/windows.jsonl");
  private static final String INFERENCE = read("src/test/resources/bad-input/files/ok/inference.json");
  private static final String CSV = read("src/test/resources/bad-input/files/ok/data.csv");
  private static Path dir;

  private static String read(String path) {
    try {
      return Files.readString(Path.of(path), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  @BeforeContainer
  static void scratch() throws IOException {
    dir = Files.createTempDirectory("clinigate-fuzz");
  }

  @AfterContainer
  static void cleanUp() throws IOException {
    try (var s = Files.list(dir)) {
      for (Path p : s.toList()) {
        Files.delete(p);
      }
    }
    Files.delete(dir);
  }

  /** Runs {@code load}; passes when it returns or throws one of {@code allowed}, fails on anything else. */
  private static void onlyDocumented(String input, Consumer<String> load, Class<?>... allowed) {
    try {
      load.accept(input);
    } catch (ClinigateException e) {
      for (Class<?> a : allowed) {
        if (a.isInstance(e)) {
          return;
        }
      }
      fail("expected " + java.util.Arrays.toString(allowed) + " or success, got " + e.getClass().getSimpleName()
          + ": " + e.getMessage());
    } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
      throw new AssertionError("undocumented " + e.getClass().getName() + " for input of " + input.length()
          + " chars", e);
    }
  }

  @Property(tries = 300)
  void evidenceJson_mutated_onlyEvidenceException(@ForAll("mutatedEvidence") String text) {
    onlyDocumented(text, t -> Evidence.parse(t, "e.json"), EvidenceException.class);
  }

  @Property(tries = 300)
  void evidenceJson_jsonish_onlyEvidenceException(@ForAll("jsonish") String text) {
    onlyDocumented(text, t -> Evidence.parse(t, "e.json"), EvidenceException.class);
  }

  @Property(tries = 300)
  void policyYaml_mutated_onlyPolicyException(@ForAll("mutatedPolicy") String text) {
    onlyDocumented(text, t -> PolicyYaml.parse(t, "p.yaml"), PolicyException.class);
  }

  @Property(tries = 300)
  void policyYaml_yamlish_onlyPolicyException(@ForAll("yamlish") String text) {
    onlyDocumented(text, t -> PolicyYaml.parse(t, "p.yaml"), PolicyException.class);
  }

  @Property(tries = 300)
  void contractYaml_mutated_onlyPolicyException(@ForAll("mutatedContract") String text) {
    onlyDocumented(text, t -> DataContracts.parse(t, "c.yaml"), PolicyException.class);
  }

  @Property(tries = 300)
  void csv_mutated_onlyInputException(@ForAll("mutatedCsv") String text) {
    onlyDocumented(text, t -> {
      try (CsvReader r = CsvReader.of(new StringReader(t), "d.csv", Limits.defaults().withMaxColumns(64))) {
        while (r.next()) {
          for (int c = 0; c < r.columnCount(); c++) {
            r.field(c);
            r.number(c);
          }
        }
      }
    }, InputException.class);
  }

  @Property(tries = 300)
  void windowsJsonLines_mutated_onlyInputException(@ForAll("mutatedWindows") String text) {
    onlyDocumented(text, t -> MonitoringWindow.parseJsonLines(t, "w.jsonl"), InputException.class);
  }

  @Property(tries = 300)
  void inference_mutated_onlyInputException(@ForAll("mutatedInference") String text) {
    onlyDocumented(text, t -> Inference.parse(t, "i.json"), EvidenceException.class, InputException.class);
  }

  @Property(tries = 25)
  void jsonAndYaml_deepNesting_boundedNotStackOverflow(@ForAll @IntRange(min = 1, max = 20_000) int depth) {
    String json = "[".repeat(depth) + "]".repeat(depth);
    onlyDocumented(json, t -> Json.parse(t, "deep.json"), EvidenceException.class);
    String flow = "a: " + "[".repeat(depth) + "]".repeat(depth);
    onlyDocumented(flow, t -> Yaml.parse(t, "deep.yaml"), PolicyException.class);
  }

  @Property(tries = 60)
  void fileOfRandomBytes_readAsText_onlyInputException(@ForAll byte[] bytes) throws IOException {
    Path f = Files.write(dir.resolve("random.bin"), bytes);
    onlyDocumented("", t -> SourceFiles.besideFile(f).readText(f, 64, "maxEvidenceBytes"), InputException.class);
  }

  @Property(tries = 20)
  void fileOverItsLimit_isRefusedWhileReading(@ForAll @IntRange(min = 0, max = 5000) int size) throws IOException {
    Path f = Files.write(dir.resolve("sized.json"), new byte[size]);
    if (size > 1000) {
      InputException e = assertThrows(InputException.class,
          () -> SourceFiles.besideFile(f).readBytes(f, 1000, "maxEvidenceBytes"));
      assertEquals("file is larger than the limit maxEvidenceBytes = 1,000 bytes", e.problems().get(0).message());
    } else {
      assertEquals(size, SourceFiles.besideFile(f).readBytes(f, 1000, "maxEvidenceBytes").length);
    }
  }

  @Provide
  Arbitrary<String> mutatedEvidence() {
    return mutations(EVIDENCE);
  }

  @Provide
  Arbitrary<String> mutatedPolicy() {
    return mutations(POLICY);
  }

  @Provide
  Arbitrary<String> mutatedContract() {
    return mutations(CONTRACT);
  }

  @Provide
  Arbitrary<String> mutatedCsv() {
    return mutations(CSV);
  }

  @Provide
  Arbitrary<String> mutatedWindows() {
    return mutations(WINDOWS);
  }

  @Provide
  Arbitrary<String> mutatedInference() {
    return mutations(INFERENCE);
  }

  @Provide
  Arbitrary<String> jsonish() {
    return Arbitraries.strings().withChars("{}[]\":,.-+eE0123456789 \n\\utrfalsn\uFEFF\uD800").ofMaxLength(300);
  }

  @Provide
  Arbitrary<String> yamlish() {
    return Arbitraries.strings().withChars("{}[]-:,?&*!|>'\"#%@` \n\tabckind:spec0.5").ofMaxLength(300);
  }

  /** A valid document with up to eight random edits: insertions, deletions and replacements of syntax. */
  private static Arbitrary<String> mutations(String valid) {
    Arbitrary<String> piece = Arbitraries.oneOf(
        Arbitraries.of("{", "}", "[", "]", "\"", ":", ",", "\n", "-", "&a ", "*a", "!!str ", "1e999", "NaN", "null",
            "\\u0000", "\uFFFF", "\uD800", "'", "#", "---\n", "  ", "\t", ".inf", "-0", "99999999999999999999"),
        Arbitraries.strings().ofMaxLength(8));
    Arbitrary<int[]> edit = Combinators.combine(Arbitraries.integers().between(0, valid.length()),
        Arbitraries.integers().between(0, 12), Arbitraries.integers().between(0, 2))
        .as((at, len, kind) -> new int[] {at, len, kind});
    return Combinators.combine(edit.list().ofMaxSize(8), piece.list().ofMaxSize(8)).as((edits, pieces) -> {
      StringBuilder b = new StringBuilder(valid);
      for (int i = 0; i < edits.size(); i++) {
        int[] e = edits.get(i);
        int at = Math.min(e[0], b.length());
        int end = Math.min(b.length(), at + e[1]);
        String p = pieces.isEmpty() ? "" : pieces.get(i % pieces.size());
        switch (e[2]) {
          case 0 -> b.insert(at, p);
          case 1 -> b.delete(at, end);
          default -> b.replace(at, end, p);
        }
      }
      return b.toString();
    });
  }
}
