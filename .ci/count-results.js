// Prints "<passed> <failed>" from a Jest or Playwright JSON report.
const fs = require('node:fs');

const report = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
if (typeof report.numPassedTests === 'number') {
  // Jest: a suite that failed to run has no tests but still failed.
  const brokenSuites = (report.testResults ?? []).filter(
    r => r.status === 'failed' && (r.assertionResults ?? []).length === 0,
  ).length;
  console.log(
    `${report.numPassedTests} ${report.numFailedTests + brokenSuites}`,
  );
} else if (report.stats) {
  // Playwright: flaky tests passed on retry.
  const { expected = 0, flaky = 0, unexpected = 0 } = report.stats;
  const errors = (report.errors ?? []).length;
  console.log(`${expected + flaky} ${unexpected + errors}`);
} else {
  process.exit(1);
}
