// The generated help goal lists the evaluate goal with the parameters the CLI's evaluate options mirror.
String text = new File(basedir, 'build.log').getText('UTF-8')
assert text.contains('clinigate:evaluate')
for (String p : ['artifactsDir', 'policy', 'evidence', 'formats', 'reportRoot']) {
  assert text.contains(p) : p
}
assert text.contains('BUILD SUCCESS')
return true
