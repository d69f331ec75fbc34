// The forked build failed (invoker.properties); check that it failed for the right reason, after the
// passing goals, with the results in the log at their levels and every report in target/, named by execution,
// with paths relative to the project's repository root.
File log = new File(basedir, 'build.log')
assert log.exists()
String text = log.getText('UTF-8')
// the prefix once, the execution named
assert text.contains('[INFO] clinigate test (policy-tests): PASSED (2 cases: 2 passed, 0 failed, 0 errors; coverage 100.0%)')
assert text.contains('[INFO] clinigate test (suite-only): PASSED (2 cases: 2 passed, 0 failed, 0 errors; coverage 100.0%)')
assert !text.contains('clinigate test: clinigate test')
assert !text.contains('clinigate test (policy-tests): clinigate test')
assert text.contains('[INFO] clinigate check (data-contract): contract it-features v1: PASS')
// passing rules at INFO, the failing one at ERROR, never a passing rule at ERROR
assert text.contains('[INFO] PASS discrimination: ')
assert text.contains('[ERROR] FAIL subgroup-calibration [site=east]: ECE for site=east is 0.146, above the maximum 0.08 (n=500).')
assert !(text =~ /\[ERROR\] PASS /)
assert text.contains('BUILD FAILURE')

File target = new File(basedir, 'target')
for (String name : ['clinigate-policy-tests.junit.xml', 'clinigate-policy-tests.sarif', 'clinigate-policy-tests.md',
                    'clinigate-suite-only.junit.xml', 'clinigate-suite-only.sarif', 'clinigate-suite-only.github.txt',
                    'clinigate-data-contract.junit.xml', 'clinigate-promotion-gate.junit.xml',
                    'clinigate-promotion-gate.sarif', 'clinigate-promotion-gate.github.txt',
                    'clinigate-promotion-gate.md']) {
  assert new File(target, name).isFile() : name
}
// no report named after the goal alone: each execution has its own
assert !new File(target, 'clinigate-test.junit.xml').exists()

// the two test executions wrote different reports: only the first requires tests and 100% coverage
String allTests = new File(target, 'clinigate-policy-tests.junit.xml').getText('UTF-8')
String suiteOnly = new File(target, 'clinigate-suite-only.junit.xml').getText('UTF-8')
assert allTests.contains('name="coverage it-gates"')
assert !suiteOnly.contains('name="coverage it-gates"')
assert suiteOnly.contains('name="good evidence is GO" time="0"')

// paths relative to the repository root, never absolute
String root = basedir.canonicalPath
for (File f : target.listFiles().findAll { it.name.startsWith('clinigate-') }) {
  String report = f.getText('UTF-8')
  assert !report.contains(root) : f.name + ' names an absolute path'
  assert !report.contains(basedir.absolutePath) : f.name + ' names an absolute path'
}
String testSarif = new File(target, 'clinigate-policy-tests.sarif').getText('UTF-8')
assert testSarif.contains('"uri": "governance/policy.test.yaml"') || testSarif.contains('"results": []')
assert new File(target, 'clinigate-suite-only.github.txt').getText('UTF-8') ==
    '::notice title=clinigate::clinigate test: PASSED: 2 cases: 2 passed, 0 failed, 0 errors; coverage 100.0%25\n'
String sarif = new File(target, 'clinigate-promotion-gate.sarif').getText('UTF-8')
assert sarif.contains('"uri": "governance/policy.yaml",\n                  "uriBaseId": "%SRCROOT%"')
assert sarif.contains('"startLine": 7')
assert new File(target, 'clinigate-promotion-gate.github.txt').getText('UTF-8')
    .startsWith('::error file=governance/policy.yaml,line=7,col=7,')
return true
