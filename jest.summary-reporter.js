// Prints the plain closing line CI reads ("N passed, N failed, N skipped"), which jest's own summary does not match.
export default class SummaryReporter {
  onRunComplete(_contexts, results) {
    process.stdout.write(
      `\njest: ${results.numPassedTests} passed, ${results.numFailedTests} failed, ${results.numPendingTests} skipped\n`,
    );
  }
}
