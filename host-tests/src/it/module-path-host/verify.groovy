// Runs the host on the module path (never the class path) and checks what it printed.
File target = new File(basedir, 'target')
String modulePath = new File(target, 'classes').path + File.pathSeparator + new File(target, 'module-path.txt').getText('UTF-8').trim()
String java = new File(System.getProperty('java.home'), 'bin/java').path
def proc = [java, '--module-path', modulePath, '--module', 'clinigate.host/clinigate.host.Main', basedir.path].execute()
def out = new StringBuilder()
def err = new StringBuilder()
proc.waitForProcessOutput(out, err)
new File(basedir, 'run.log').setText(out.toString() + err.toString(), 'UTF-8')
assert proc.exitValue() == 0 : "the host failed on the module path:\n" + out + err
String text = out.toString()
assert text.contains('module clinigate.host reads dev.clinigate.dsl and dev.clinigate.core') : text
assert text.contains('verdict NO_GO') : text
assert text.contains('auroc 0.75') : text
assert text.contains('VALID ') && text.contains(': 1 record, hash chain intact') : text
return true
