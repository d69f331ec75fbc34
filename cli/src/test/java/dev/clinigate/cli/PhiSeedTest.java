package dev.clinigate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeds a patient identifier in every string field and column of the inputs of every command, breaks the
 * inputs in several ways, and checks that the identifier reaches neither stdout nor stderr.
 *
 * <p>What may legitimately show a seeded value (and is therefore not seeded where it would): a subgroup
 * name in a decision or a metrics report (the host asked to group by that column; mask it in the audit log),
 * the principal who approved (who signed is what an approval is for), a declared, non-PHI contract column's
 * example value (docs/contracts.md), and the line of a <em>policy</em> that an error points at (policies are
 * authored, reviewed text: their errors keep the caret view). Everything else, above all every error about
 * data, must not echo it.
 */
class PhiSeedTest {
  private static final String MRN = "MRN-4711-SECRET";

  @TempDir
  Path dir;

  private final List<String> checked = new ArrayList<>();

  private Path write(String name, String text) throws IOException {
    Path p = dir.resolve(name);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text.replace("@MRN", MRN), StandardCharsets.UTF_8);
    return p;
  }

  private Path writeBytes(String name, byte[] bytes) throws IOException {
    Path p = dir.resolve(name);
    Files.write(p, bytes);
    return p;
  }

  /** Runs the CLI, checks the exit code and that the identifier appears in neither stream. */
  private CliRunner run(int expectedExit, String... args) {
    CliRunner r = CliRunner.run(args);
    String label = String.join(" ", args);
    assertEquals(expectedExit, r.exit(), label + "\nstdout:\n" + r.out() + "\nstderr:\n" + r.err());
    assertFalse(r.out().contains("MRN-4711"), label + " leaks into stdout:\n" + r.out());
    assertFalse(r.err().contains("MRN-4711"), label + " leaks into stderr:\n" + r.err());
    assertFalse(r.err().contains("\tat "), label + " printed a stack trace:\n" + r.err());
    checked.add(label);
    return r;
  }

  private static final String PROMOTION = """
      apiVersion: clinigate/v1
      kind: PromotionPolicy
      metadata: {name: seeded, version: 1}
      spec:
        gates:
          - {id: calibration, metric: ece, max: 0.05}
          - {id: discrimination, metric: auroc, min: 0.7}
        requires:
          artifacts: [modelCard]
          contracts: [features]
        approvals:
          roles: [compliance]
          maxAge: 90d
        waivers:
          allow: [{role: compliance, rules: [calibration]}]
      """;

  /** Evidence whose every string is the identifier; structurally valid, so a decision is made. */
  private static final String SEEDED_EVIDENCE = """
      {"n": 1000, "metrics": {"auroc": "@MRN", "ece": 0.03},
       "model": {"name": "@MRN", "version": "@MRN"},
       "artifacts": {"modelCard": {"uri": "@MRN", "sha256": "@MRN"}},
       "contracts": {"features": {"status": "@MRN"}},
       "approvals": [{"principal": "bob", "role": "compliance", "decision": "@MRN", "timestamp": "@MRN"}],
       "waivers": [{"rule": "calibration", "approver": "bob", "role": "compliance", "granted": "@MRN",
                    "expires": "@MRN", "reason": "@MRN"}]}
      """;

  /** Evidence files broken in different ways, each right next to the identifier. */
  private static final List<String> BAD_EVIDENCE = List.of(
      "{\"model\": {\"author\": \"@MRN\"} \"x\": 1}",               // missing comma after the value
      "{\"model\": {\"author\": @MRN}}",                              // unquoted identifier
      "{\"model\": {\"author\": \"@MRN\", \"author\": \"@MRN\"}}",    // duplicate key
      "{\"metrics\": \"@MRN\", \"groups\": {\"site\": {\"east\": \"@MRN\"}}}", // wrong shapes
      "{\"approvals\": \"@MRN\", \"thresholds\": [\"@MRN\"]}",
      "{\"model\": {\"author\": \"@MRN\\q\"}}",                       // invalid escape inside the identifier
      "{\"model\": {\"author\": \"@MRN\u0001\"}}",                    // control character inside it
      "{\"model\": {\"author\": \"@MRN\"}");                          // truncated

  private static final List<String> BAD_YAML_EVIDENCE = List.of(
      "model: {author: \"@MRN\"\nmetrics: [",                        // unclosed flow mapping
      "model:\n  author: @MRN\n   bad: indentation\n",               // '@' cannot start a token
      "model: &@MRN {author: x}\n",                                   // an anchor named like the identifier
      "model: !!str @MRN\n",                                          // a tag
      "model: {author: \"@MRN\", author: \"@MRN\"}\n",                // duplicate key
      "metrics: \"@MRN\"\n");                                         // wrong shape

  @Test
  void evaluate_andAuditAppend_seededEvidence_neverEchoed() throws IOException {
    Path policy = write("policy.yaml", PROMOTION);
    Path seeded = write("seeded.json", SEEDED_EVIDENCE);
    CliRunner r = run(1, "evaluate", "--policy", policy.toString(), "--evidence", seeded.toString(),
        "--at", "2026-03-01T00:00:00Z");
    assertTrue(r.out().startsWith("NO_GO"), r.out());
    run(1, "evaluate", "--policy", policy.toString(), "--evidence", seeded.toString(), "--format", "json");
    for (String format : List.of("junit", "sarif", "markdown")) {
      run(1, "evaluate", "--policy", policy.toString(), "--evidence", seeded.toString(), "--format", format);
    }
    for (int i = 0; i < BAD_EVIDENCE.size(); i++) {
      Path bad = write("bad" + i + ".json", BAD_EVIDENCE.get(i));
      run(2, "evaluate", "--policy", policy.toString(), "--evidence", bad.toString());
      run(2, "audit", "append", dir.resolve("log.jsonl").toString(), "--policy", policy.toString(), "--evidence",
          bad.toString());
      run(2, "impact", "--policy", policy.toString(), "--log", dir.resolve("none.jsonl").toString(), "--evidence",
          bad.toString());
    }
    for (int i = 0; i < BAD_YAML_EVIDENCE.size(); i++) {
      Path bad = write("bad" + i + ".yaml", BAD_YAML_EVIDENCE.get(i));
      run(2, "evaluate", "--policy", policy.toString(), "--evidence", bad.toString());
    }
    Path notUtf8 = writeBytes("latin1.json", ("{\"model\": {\"author\": \"" + MRN + "\u00e9\"}}")
        .getBytes(StandardCharsets.ISO_8859_1));
    run(2, "evaluate", "--policy", policy.toString(), "--evidence", notUtf8.toString());
  }

  @Test
  void audit_verifyReplayExportImpact_seededLog_neverEchoed() throws IOException {
    Path policy = write("policy.yaml", PROMOTION);
    Path seeded = write("seeded.json", SEEDED_EVIDENCE);
    Path log = dir.resolve("log.jsonl");
    run(0, "audit", "append", log.toString(), "--policy", policy.toString(), "--evidence", seeded.toString(),
        "--at", "2026-03-01T00:00:00Z", "--policies", dir.resolve("p").toString(), "--evidence-store",
        dir.resolve("e").toString());
    // lines broken in different ways, each holding the identifier
    String good = Files.readString(log, StandardCharsets.UTF_8);
    List<String> badLogs = List.of(
        good + "{\"seq\":2,\"decision\":\"@MRN\"}\n",
        good + "{\"seq\":2,\"decision\":{\"verdict\":\"@MRN\"} \"x\"}\n",
        good + "@MRN\n",
        good.replace("\"NO_GO\"", "\"@MRN\""),
        good + "{\"seq\":2,\"decision\":\"@MRN\"");
    for (int i = 0; i < badLogs.size(); i++) {
      Path bad = write("bad-log" + i + ".jsonl", badLogs.get(i));
      run(1, "audit", "verify", bad.toString());
      run(1, "audit", "replay", bad.toString(), "--policies", dir.resolve("p").toString(), "--evidence",
          dir.resolve("e").toString());
      run(2, "audit", "export", "--decision", "0000000000", "--log", bad.toString(), "--policies",
          dir.resolve("p").toString(), "--evidence", dir.resolve("e").toString(), "--out",
          dir.resolve("out" + i).toString());
      run(1, "impact", "--policy", policy.toString(), "--log", bad.toString(), "--evidence",
          dir.resolve("e").toString());
    }
  }

  @Test
  void auditAppend_maskPathAndUpperCasePhiColumn_maskStructureAndKeepEveryNumber() throws IOException {
    Path policy = write("mrn-policy.yaml", """
        apiVersion: clinigate/v1
        kind: PromotionPolicy
        metadata: {name: by-patient, version: 1}
        spec:
          gates:
            - {id: subgroup-calibration, metric: ece, by: [mrn], max: 0.08}
            - {id: subgroup-gap, metric: ece, by: [mrn], maxGap: 0.05}
        """);
    Path evidence = write("mrn-evidence.json", """
        {"n": 1140, "metrics": {"ece": 0.03},
         "groups": {"mrn": {"@MRN": {"n": 140, "metrics": {"ece": 0.19}},
                            "MRN-1140": {"n": 1000, "metrics": {"ece": 0.02}}}}}
        """);
    Path key = write("mask.key", "a host secret of 32 bytes.......");
    for (List<String> mask : List.of(List.of("--mask-path", "$.groups.mrn"), List.of("--phi-column", "MRN"))) {
      Path log = dir.resolve("masked" + mask.get(0) + ".jsonl");
      List<String> args = new ArrayList<>(List.of("audit", "append", log.toString(), "--policy", policy.toString(),
          "--evidence", evidence.toString(), "--at", "2026-03-01T00:00:00Z", "--mask-key", key.toString()));
      args.addAll(mask);
      run(0, args.toArray(String[]::new));
      String line = Files.readString(log, StandardCharsets.UTF_8);
      assertFalse(line.contains(MRN), line);
      assertFalse(line.contains("MRN-1140"), line);
      // numbers are never masked by substring: n=1,140, 0.19, 140 and 1,000 all survive as written
      assertTrue(line.contains("(n=140)") && line.contains("(n=1,000)") && line.contains("0.19"), line);
      assertTrue(line.contains("\"subject\":\"mrn=hmac-sha256:"), line);
      run(0, "audit", "verify", log.toString());
    }
  }

  @Test
  void metrics_drift_seededCsv_neverEchoed() throws IOException {
    List<String> badPredictions = List.of(
        "label,score,site\n@MRN,0.4,east\n1,0.6,west\n",                  // label is the identifier
        "label,score,site\n0,@MRN,east\n1,0.6,west\n",                    // score is the identifier
        "label,score,site\n0,0.4,east,@MRN\n1,0.6,west\n",                // ragged row
        "label,score,site\n0,0.4,\"@MRN\n1,0.6,west\n",                   // unclosed quote
        "label,score,site\n0,0.4,\"@MRN\"x\n");                          // text after a closing quote
    for (int i = 0; i < badPredictions.size(); i++) {
      Path csv = write("pred" + i + ".csv", badPredictions.get(i));
      run(2, "metrics", "--predictions", csv.toString(), "--label", "label", "--score", "score", "--group", "site");
      run(2, "metrics", "--predictions", csv.toString(), "--label", "label", "--score", "score", "--format",
          "text");
    }
    // a file without a header row: the header is a patient's data, and a missing column must not list it
    Path headless = write("pred-headless.csv", "0,0.4,@MRN\n1,0.6,@MRN\n");
    run(2, "metrics", "--predictions", headless.toString(), "--label", "label", "--score", "score");
    run(2, "metrics", "--predictions", headless.toString(), "--label", "0", "--score", "0.4", "--group", "site");
    Path latin1 = writeBytes("pred-latin1.csv", ("label,score,site\n0,0.4," + MRN + "\u00e9\n")
        .getBytes(StandardCharsets.ISO_8859_1));
    run(2, "metrics", "--predictions", latin1.toString(), "--label", "label", "--score", "score");
    Path ref = write("ref.csv", "age,mrn\n50,@MRN\n60,@MRN\n70,x\n");
    List<String> badCurrent = List.of(
        "age,mrn\n50,@MRN,extra\n",
        "age,mrn\n50,\"@MRN\n",
        "age,mrn\n50,\"@MRN\"x\n",
        "mrn\n@MRN\n");
    for (int i = 0; i < badCurrent.size(); i++) {
      Path cur = write("cur" + i + ".csv", badCurrent.get(i));
      run(2, "drift", "--reference", ref.toString(), "--current", cur.toString(), "--feature", "age");
      run(2, "drift", "--reference", cur.toString(), "--current", ref.toString(), "--feature", "age", "--format",
          "json");
    }
  }

  private static final String CONTRACT = """
      apiVersion: clinigate/v1
      kind: DataContract
      metadata: {name: features, version: 1}
      spec:
        features:
          - {name: mrn, type: string, phi: true, pattern: "E-[0-9]{6}", allowedAtInference: false}
          - {name: age, type: integer, range: [18, 120]}
      """;

  @Test
  void check_profile_seededCsv_neverEchoed() throws IOException {
    Path contract = write("contract.yaml", CONTRACT);
    // valid structure: the PHI column and an undeclared column hold the identifier and break rules
    Path data = write("data.csv", "mrn,age,note\n@MRN,@MRN,@MRN\n@MRN,17,@MRN\n");
    run(1, "check", "--contract", contract.toString(), "--data", data.toString());
    run(1, "check", "--contract", contract.toString(), "--data", data.toString(), "--format", "json");
    run(0, "profile", "--contract", contract.toString(), "--data", data.toString(), "--out",
        dir.resolve("profile.json").toString());
    assertFalse(Files.readString(dir.resolve("profile.json")).contains(MRN));
    List<String> broken = List.of(
        "mrn,age,note\n@MRN,40,x,@MRN\n",
        "mrn,age,note\n\"@MRN,40,x\n",
        "mrn,age,note\n\"@MRN\"x,40,x\n",
        "mrn,mrn,note\n@MRN,40,x\n");
    for (int i = 0; i < broken.size(); i++) {
      Path bad = write("broken" + i + ".csv", broken.get(i));
      run(2, "check", "--contract", contract.toString(), "--data", bad.toString());
      run(2, "check", "--contract", contract.toString(), "--data", data.toString(), "--reference", bad.toString());
      run(2, "profile", "--contract", contract.toString(), "--data", bad.toString(), "--out",
          dir.resolve("p" + i + ".json").toString());
    }
  }

  private static final String ROLLBACK = """
      apiVersion: clinigate/v1
      kind: RollbackPolicy
      metadata: {name: seeded-rollback, version: 1}
      spec:
        lastKnownGood: "3.1.0"
        triggers:
          - {id: calibration-error, metric: ece, max: 0.08, consecutiveWindows: 2}
      """;

  @Test
  void monitor_seededWindows_neverEchoed() throws IOException {
    Path policy = write("rollback.yaml", ROLLBACK);
    String ok = "{\"start\":\"2026-05-01T00:00:00Z\",\"end\":\"2026-05-02T00:00:00Z\",\"cases\":400,"
        + "\"metrics\":{\"ece\":0.03}}\n";
    List<String> bad = List.of(
        ok + "{\"start\":\"@MRN\",\"end\":\"@MRN\",\"id\":\"@MRN\",\"metrics\":{\"ece\":\"@MRN\"}}\n",
        ok + "{\"start\":\"2026-05-02T00:00:00Z\",\"end\":\"2026-05-03T00:00:00Z\",\"@MRN\":\"@MRN\"}\n",
        ok + "{\"start\":\"2026-05-02T00:00:00Z\",\"end\":\"2026-05-03T00:00:00Z\",\"cases\":\"@MRN\","
            + "\"modelVersion\":7,\"lastKnownGood\":\"\"}\n",
        ok + "{\"id\":\"@MRN\" \"start\":1}\n",
        ok + "{\"id\":@MRN}\n",
        "[\"@MRN\"]\n");
    for (int i = 0; i < bad.size(); i++) {
      Path w = write("windows" + i + ".jsonl", bad.get(i));
      run(2, "monitor", "--policy", policy.toString(), "--windows", w.toString());
      run(2, "monitor", "--policy", policy.toString(), "--windows", w.toString(), "--format", "json");
    }
  }

  private static final String REVIEW = """
      apiVersion: clinigate/v1
      kind: ReviewPolicy
      metadata: {name: seeded-review, version: 1}
      spec:
        require: [encounterId, score]
        thresholds: {urgent: 0.85}
        rules:
          - {id: urgent, when: "score >= threshold[urgent]", route: REVIEW, approvers: [radiologist]}
        default: AUTO
      """;

  @Test
  void review_singleAndBatch_seededInferences_neverEchoed() throws IOException {
    Path policy = write("review.yaml", REVIEW);
    List<String> bad = List.of(
        "{\"encounterId\":\"@MRN\",\"score\":\"@MRN\"}",
        "{\"encounterId\":\"@MRN\",\"score\":1.7,\"@MRN\":1}",
        "{\"encounterId\":\"@MRN\",\"score\":0.2,\"context\":{\"mrn\":[\"@MRN\"]},\"review\":{\"decision\":\"@MRN\","
            + "\"rationale\":\"@MRN\",\"reviewerId\":[\"@MRN\"]}}",
        "{\"encounterId\":\"@MRN\" \"score\":0.2}",
        "{\"encounterId\":@MRN}",
        "{\"encounterId\":\"@MRN\",\"encounterId\":\"@MRN\"}",
        "\"@MRN\"");
    StringBuilder batch = new StringBuilder("{\"encounterId\":\"enc-1\",\"score\":0.2}\n");
    for (int i = 0; i < bad.size(); i++) {
      Path one = write("inference" + i + ".json", bad.get(i));
      run(2, "review", "--policy", policy.toString(), "--inference", one.toString());
      run(2, "review", "--policy", policy.toString(), "--inference", one.toString(), "--format", "json");
      batch.append(bad.get(i)).append('\n');
    }
    Path many = write("inferences.jsonl", batch.toString());
    CliRunner r = run(2, "review", "--policy", policy.toString(), "--inferences", many.toString());
    assertEquals(bad.size() + 1, r.out().lines().count(), r.out()); // one JSON line per inference, errors included
  }

  @Test
  void test_seededSuiteInputs_neverEchoed() throws IOException {
    write("suite/policy.yaml", PROMOTION);
    write("suite/evidence.json", "{\"model\": {\"author\": \"@MRN\"} \"x\": 1}");
    write("suite/policy.test.yaml", """
        apiVersion: clinigate/v1
        kind: PolicyTest
        metadata: {name: seeded-suite}
        spec:
          policy: policy.yaml
          evidence: evidence.json
          cases:
            - name: anything
              expect: {verdict: GO}
        """);
    run(2, "test", dir.resolve("suite").toString());
    write("rsuite/rollback.yaml", ROLLBACK);
    write("rsuite/windows.jsonl", "{\"id\":\"@MRN\",\"start\":\"@MRN\"}\n{\"id\":@MRN}\n");
    write("rsuite/rollback.test.yaml", """
        apiVersion: clinigate/v1
        kind: PolicyTest
        metadata: {name: seeded-rollback-suite}
        spec:
          policy: rollback.yaml
          windows: windows.jsonl
          cases:
            - name: anything
              expect: {verdict: HOLD}
        """);
    run(2, "test", dir.resolve("rsuite").toString());
  }

  @Test
  void diff_policyInvalidElsewhere_doesNotEchoTheSeededLine() throws IOException {
    Path a = write("a.yaml", PROMOTION.replace("metadata: {name: seeded, version: 1}",
        "metadata: {name: seeded, version: 1, owner: \"@MRN\"}"));
    Path b = write("b.yaml", PROMOTION.replace("metadata: {name: seeded, version: 1}",
        "metadata: {name: seeded, version: 2, owner: \"@MRN\"}").replace("metric: ece, max: 0.05",
        "metric: ece, max: [0.05]"));
    run(2, "diff", a.toString(), b.toString());
  }

  @Test
  void everyCommandWasSeeded() throws IOException {
    // guards the list above: every command of the CLI appears in at least one seeded run of this class
    List<String> commands = List.of("evaluate", "metrics", "drift", "check", "profile", "monitor", "review", "test",
        "audit append", "audit verify", "audit replay", "audit export", "impact", "diff");
    String source = Files.readString(Path.of("src/test/java/dev/clinigate/cli/PhiSeedTest.java"));
    for (String c : commands) {
      String quoted = "\"" + c.replace(" ", "\", \"") + "\"";
      assertTrue(source.contains("run(2, " + quoted) || source.contains("run(1, " + quoted)
          || source.contains("run(0, " + quoted), c);
    }
  }
}
