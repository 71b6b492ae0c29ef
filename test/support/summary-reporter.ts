// Prints one closing line in the plain "N passed, N failed" form that CI reads,
// because vitest's own summary uses a layout CI does not recognise.

import type { Reporter, TestModule } from 'vitest/node';

export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    let passed = 0;
    let failed = 0;
    let skipped = 0;

    for (const testModule of testModules) {
      let failedInModule = 0;
      for (const test of testModule.children.allTests()) {
        const state = test.result().state;
        if (state === 'passed') passed += 1;
        else if (state === 'failed') failedInModule += 1;
        else skipped += 1;
      }
      // A file that failed to load has no test results; count it as one failure.
      if (failedInModule === 0 && testModule.state() === 'failed') failedInModule = 1;
      failed += failedInModule;
    }

    process.stdout.write(`\ntests: ${passed} passed, ${failed} failed, ${skipped} skipped\n`);
  }
}
