// Stands in for the embedded database's thread in a test of its heap limit: holds about 200 MB of
// JavaScript objects (as PGlite's largest reads do), then says it is ready.
import { parentPort } from 'node:worker_threads';

const held = [];
for (let i = 0; i < 25; i++) held.push(new Array(1_000_000).fill(i));
parentPort.postMessage({ type: 'ready' });
parentPort.on('message', () => held.length);
