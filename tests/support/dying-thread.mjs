// Stands in for the embedded database's thread (src/store/pglite-thread.mjs) in tests: it starts,
// then ends with exit code 3 at the first bytes a connection sends, as a crashed engine would.
import { parentPort } from 'node:worker_threads';

parentPort.on('message', (message) => {
  if (message.type === 'data') process.exit(3);
});
parentPort.postMessage({ type: 'ready' });
