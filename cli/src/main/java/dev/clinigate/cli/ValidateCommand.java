package dev.clinigate.cli;

import dev.clinigate.ClinigateException;
import dev.clinigate.InputException;
import dev.clinigate.Problem;
import dev.clinigate.SourceFiles;
import dev.clinigate.contracts.DataContracts;
import dev.clinigate.dsl.PolicyResolver;
import dev.clinigate.dsl.PolicyYaml;
import dev.clinigate.dsl.Yaml;
import dev.clinigate.json.Json;
import dev.clinigate.json.JsonArray;
import dev.clinigate.json.JsonDocument;
import dev.clinigate.json.JsonObject;
import dev.clinigate.json.JsonString;
import dev.clinigate.json.JsonValue;
import dev.clinigate.reports.Reports;
import dev.clinigate.testkit.PolicyTestRunner;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code clinigate validate}: lints policies, data contracts and policy test suites without evidence, reporting
 * every problem of every file at once (for editors, pre-commit hooks and CI). A policy is checked with the base it
 * {@code extends}; a suite with the policy it names (its cases are not run: that is {@code clinigate test}).
 */
@Command(name = "validate", mixinStandardHelpOptions = true,
    header = "Check policies, data contracts and policy test suites without evidence; report every problem.",
    description = {"Check PromotionPolicy, RollbackPolicy and ReviewPolicy files (with the base they extend),",
        "DataContract files and PolicyTest suites (with the policy they name; their cases are not run) without",
        "evidence: schema, names, references, contradictory bounds, typed conditions. Every problem of every file",
        "is reported at once, on stderr, in clinigate's error format. Directories are searched recursively for",
        "YAML files of those kinds; other YAML files there are skipped. Fits a pre-commit hook (see README).",
        "Exit 0 = every file is valid, 2 = a problem was found (or bad usage)."})
final class ValidateCommand implements Callable<Integer> {
  private static final Pattern KIND = Pattern.compile("(?m)^kind:\\s*[\"']?([A-Za-z]+)");
  private static final List<String> POLICY_KINDS = List.of("PromotionPolicy", "RollbackPolicy", "ReviewPolicy");
  private static final List<String> KINDS = List.of("PromotionPolicy", "RollbackPolicy", "ReviewPolicy",
      "DataContract", "PolicyTest");

  @Spec
  CommandSpec spec;

  @Mixin
  Common common;

  @Parameters(arity = "1..*", paramLabel = "FILE",
      description = "Policy, contract or suite files, or directories searched recursively.")
  List<Path> paths = new ArrayList<>();

  @Option(names = "--format", defaultValue = "text", paramLabel = "FORMAT",
      description = {"text (the default: a line per file; the problems go to stderr), json (every file with its",
          "problems), or a CI report: junit (JUnit XML), sarif (SARIF 2.1.0, for code scanning), github (workflow",
          "annotations), markdown (a summary)."})
  OutputFormat format;

  /** One file checked: its name as given, its kind (or what it was taken for) and its problems. */
  private record Checked(String file, String kind, List<Problem> problems) {}

  @Override
  public Integer call() {
    List<Checked> checked = new ArrayList<>();
    for (Path p : paths) {
      if (Files.isDirectory(p)) {
        SourceFiles files = common.filesUnder(p);
        int before = checked.size();
        for (Path f : yamlFiles(p)) {
          String kind = kindOf(f, files);
          if (KINDS.contains(kind)) {
            checked.add(check(f, files));
          }
        }
        if (checked.size() == before) {
          throw new InputException(Problem.at(p.toString(), 0, 0, "holds no " + String.join(", ", KINDS)
              + " file", "give the files or folders to check"));
        }
      } else {
        checked.add(check(p, common.files(p)));
      }
    }
    Map<String, List<Problem>> documents = new LinkedHashMap<>();
    checked.forEach(c -> documents.merge(c.file(), c.problems(), (a, b) -> a));
    long problems = checked.stream().mapToLong(c -> c.problems().size()).sum();
    PrintWriter err = spec.commandLine().getErr();
    for (Checked c : checked) {
      for (Problem p : c.problems()) {
        err.println(p.render());
      }
    }
    err.flush();
    PrintWriter out = spec.commandLine().getOut();
    format.print(out, () -> text(checked, problems), () -> Json.prettyInOrder(json(checked)),
        () -> CiReports.relative(Reports.ofValidation(documents), common.root));
    return problems == 0 ? Main.EXIT_OK : Main.EXIT_USAGE;
  }

  /** Every problem of one file; an unreadable file or an unknown kind is a problem too, never an exception. */
  private static Checked check(Path file, SourceFiles files) {
    String name = file.toString();
    String text;
    JsonDocument doc;
    try {
      text = files.readText(file, files.limits().maxPolicyBytes(), "maxPolicyBytes");
      doc = Yaml.parse(text, name);
    } catch (ClinigateException e) {
      return new Checked(name, "unreadable", e.problems());
    }
    String kind = doc.root() instanceof JsonObject o && o.get("kind").orElse(null) instanceof JsonString s
        ? s.value() : null;
    List<Problem> problems;
    try {
      if (kind != null && POLICY_KINDS.contains(kind)) {
        problems = PolicyYaml.validate(text, name, PolicyResolver.files(files));
      } else if ("DataContract".equals(kind)) {
        problems = DataContracts.validate(text, name);
      } else if ("PolicyTest".equals(kind)) {
        problems = PolicyTestRunner.validate(file, files);
      } else {
        String found = kind == null ? "no kind" : "kind \"" + kind + "\"";
        problems = List.of(doc.problem(kind == null ? "$" : "$.kind", "not a clinigate document: expected kind "
            + String.join(", ", KINDS.subList(0, KINDS.size() - 1)) + " or " + KINDS.get(KINDS.size() - 1)
            + ", found " + found, "give only clinigate's policies, contracts and suites (e.g. a pre-commit 'files:' "
            + "pattern)"));
      }
    } catch (ClinigateException e) {
      problems = e.problems();
    }
    return new Checked(name, kind == null ? "unknown" : kind, problems);
  }

  private static String text(List<Checked> checked, long problems) {
    StringBuilder b = new StringBuilder();
    for (Checked c : checked) {
      int n = c.problems().size();
      b.append(n == 0 ? "VALID   " : "INVALID ").append(c.file()).append(" (").append(c.kind()).append(')');
      if (n > 0) {
        b.append(": ").append(n).append(n == 1 ? " problem" : " problems");
      }
      b.append('\n');
    }
    b.append(String.format(Locale.ROOT, "clinigate validate: %d file%s, %d problem%s%n", checked.size(),
        checked.size() == 1 ? "" : "s", problems, problems == 1 ? "" : "s"));
    return b.toString();
  }

  private static JsonObject json(List<Checked> checked) {
    List<JsonValue> files = new ArrayList<>();
    boolean valid = true;
    for (Checked c : checked) {
      List<JsonValue> ps = new ArrayList<>();
      for (Problem p : c.problems()) {
        ps.add(JsonObject.builder().put("source", p.source()).put("line", p.line()).put("column", p.column())
            .put("path", p.path()).put("message", p.message()).put("hint", p.hint()).build());
      }
      valid &= ps.isEmpty();
      files.add(JsonObject.builder().put("file", c.file()).put("kind", c.kind()).put("valid", ps.isEmpty())
          .put("problems", new JsonArray(ps)).build());
    }
    return JsonObject.builder().put("valid", valid).put("files", new JsonArray(files)).build();
  }

  /** The kind a YAML file declares on a top-level {@code kind:} line, or "" (read within the limits). */
  private static String kindOf(Path f, SourceFiles files) {
    try {
      Matcher m = KIND.matcher(files.readText(f, files.limits().maxPolicyBytes(), "maxPolicyBytes"));
      return m.find() ? m.group(1) : "";
    } catch (ClinigateException e) {
      return "";
    }
  }

  private static List<Path> yamlFiles(Path dir) {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile).filter(f -> {
        String n = f.getFileName().toString();
        return n.endsWith(".yaml") || n.endsWith(".yml");
      }).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
