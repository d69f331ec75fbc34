// The host's tests ran on its own (newest) JUnit 5 and all passed: the suite's 4 cases, the assertion test and
// the check that the JUnit on the test class path is the host's own (theHostsJUnit_isTheOneItAskedFor).
File report = new File(basedir, 'target/surefire-reports/TEST-host.GovernanceTest.xml')
assert report.isFile() : 'no surefire report: the tests did not run'
def suite = new groovy.xml.XmlSlurper().parse(report)
assert suite.@tests.toString() == '6' : "tests run: ${suite.@tests}"
assert suite.@failures.toString() == '0' && suite.@errors.toString() == '0' && suite.@skipped.toString() == '0'
return true
