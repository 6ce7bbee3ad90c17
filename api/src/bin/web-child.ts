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
