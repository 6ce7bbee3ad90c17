// Where the browser tests find Chromium. Its absence is the one reason a browser test may be
// skipped (tests/support/skipped-browser-reporter.ts says so at the end of the run).
import { existsSync } from 'node:fs';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);
