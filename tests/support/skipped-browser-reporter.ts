// Says, in the last lines of a run, that the browser tests were skipped and why. Chromium's
// absence is the only reason they may be skipped (tests/support/chromium.ts); it must not pass
// unnoticed above a green summary.
import type { Reporter, TestModule } from 'vitest/node';
import { CHROMIUM, hasChromium } from './chromium.js';

export default class SkippedBrowserReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    if (hasChromium) return;
    let skipped = 0;
    for (const testModule of testModules) {
      if (testModule.project.name !== 'browser') continue;
      for (const test of testModule.children.allTests())
        if (test.result().state === 'skipped') skipped += 1;
    }
    if (skipped === 0) return;
    console.warn(
      `\n ${skipped} browser tests SKIPPED: no Chromium at ${CHROMIUM} ` +
        `(apt-get install -y chromium, or set CHROMIUM_PATH)\n`,
    );
  }
}
