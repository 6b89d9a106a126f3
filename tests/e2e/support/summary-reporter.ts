import type { FullResult, Reporter, TestCase, TestResult } from '@playwright/test/reporter';

/**
 * Ends the run with one plain line, `browser: N passed, N failed, N skipped`, so a log reader
 * (and CI) sees the counts last, whatever the list reporter printed before.
 */
export default class SummaryReporter implements Reporter {
  #outcomes = new Map<string, TestResult['status']>();

  onTestEnd(test: TestCase, result: TestResult): void {
    // The last attempt of a test decides (a retry that passes replaces the failure).
    this.#outcomes.set(test.id, result.status);
  }

  onEnd(result: FullResult): void {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    for (const status of this.#outcomes.values()) {
      if (status === 'passed') passed++;
      else if (status === 'skipped') skipped++;
      else failed++;
    }
    if (result.status !== 'passed' && failed === 0 && passed === 0) failed = 1;
    console.log(`\nbrowser: ${passed} passed, ${failed} failed, ${skipped} skipped`);
  }

  printsToStdio(): boolean {
    return false;
  }
}
