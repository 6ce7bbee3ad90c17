// Runs the web app's server (remix-serve, or the Remix dev server with `dev`) inside a child
// process that exits as soon as its launcher is gone — even when the launcher was SIGKILLed —
// so no orphan keeps the web port.
import path from 'node:path';
import { createRequire } from 'node:module';
import { repoRoot } from '../config.js';

process.on('disconnect', () => process.exit(0));

const [mode, ...args] = process.argv.slice(2);
const cli = path.join(
  repoRoot,
  mode === 'dev'
    ? 'node_modules/@remix-run/dev/dist/cli.js'
    : 'node_modules/@remix-run/serve/dist/cli.js',
);
process.argv = [process.argv[0]!, cli, ...args];
createRequire(import.meta.url)(cli);

// remix-serve closes its server once on SIGINT and once on SIGTERM. Ctrl-C sends SIGINT to the
// whole process group, then the launcher sends SIGTERM: the second close would print "Server is
// not running". After the first signal the other one is only noted, and the server finishes
// closing (or the launcher's exit ends this process).
const signals = ['SIGINT', 'SIGTERM'] as const;
for (const signal of signals) {
  process.once(signal, () => {
    for (const other of signals) {
      if (other === signal) continue;
      process.removeAllListeners(other);
      process.on(other, () => undefined);
    }
  });
}
