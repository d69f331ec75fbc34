// The forked build failed (invoker.properties); check that it failed for the right reason, after the
// passing goals, with the explanation in the log and every report in target/.
File log = new File(basedir, 'build.log')
assert log.exists()
String text = log.getText('UTF-8')
assert text.contains('clinigate test: clinigate test: PASSED')
assert text.contains('clinigate check: contract it-features v1: PASS')
assert text.contains('NO_GO: it-gates v1 (PromotionPolicy), 1 blocking result')
assert text.contains('subgroup-calibration [site=east]: ECE for site=east is 0.146, above the maximum 0.08 (n=500).')
assert text.contains('BUILD FAILURE')
for (String name : ['clinigate-test.junit.xml', 'clinigate-test.sarif', 'clinigate-test.md',
                    'clinigate-check.junit.xml', 'clinigate-evaluate.junit.xml', 'clinigate-evaluate.sarif',
                    'clinigate-evaluate.github.txt', 'clinigate-evaluate.md']) {
  assert new File(basedir, 'target/' + name).isFile() : name
}
String sarif = new File(basedir, 'target/clinigate-evaluate.sarif').getText('UTF-8')
assert sarif.contains('"uri": "governance/policy.yaml"')
assert sarif.contains('"startLine": 7')
return true
