// Prints the plain `N passed, N failed` closing line that the CI harness reads
// (jest's own summary says "Tests: 5 passed, 5 total", which it does not). Jest prints its own
// summary after the reporters' onRunComplete, so ours is written when the process exits.
export default class SummaryReporter {
  onRunComplete(_contexts, results) {
    const skipped = results.numPendingTests + results.numTodoTests;
    const failed = results.numFailedTests + results.numRuntimeErrorTestSuites;
    const line = `Tests: ${results.numPassedTests} passed, ${failed} failed` + (skipped ? `, ${skipped} skipped` : '');
    process.once('exit', () => process.stderr.write(`\n${line}\n`));
  }
}
