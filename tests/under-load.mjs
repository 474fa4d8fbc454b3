#!/usr/bin/env node
// Runs a command while another process keeps every core busy, to check that the timing-dependent
// tests hold on a loaded machine:
//
//   node tests/under-load.mjs [--runs 5] [--cores N] [-- command args…]   (default command: npm test)
//
// The load is one process with a spinning thread per core (at normal priority, as a neighbour's
// build would be). Each run's exit status and duration are printed, then a summary; the exit status
// is the number of failed runs.
import { spawn } from 'node:child_process';
import os from 'node:os';

const argv = process.argv.slice(2);
const split = argv.indexOf('--');
const options = split >= 0 ? argv.slice(0, split) : argv;
const command = split >= 0 ? argv.slice(split + 1) : ['npm', 'test'];
const option = (name, fallback) => {
  const at = options.indexOf(name);
  return at >= 0 ? Number(options[at + 1]) : fallback;
};
const runs = option('--runs', 1);
const cores = option('--cores', os.availableParallelism());
if (!Number.isInteger(runs) || runs < 1 || !Number.isInteger(cores) || cores < 1 || !command.length) {
  console.error('usage: node tests/under-load.mjs [--runs N] [--cores N] [-- command args…]');
  process.exit(64);
}

// One process: a worker thread per core spins; its main thread exits (and the spinning with it)
// once this script is gone, however it ended.
const load = spawn(
  process.execPath,
  [
    '-e',
    `const { Worker } = require('node:worker_threads');
     for (let i = 0; i < ${cores}; i++) new Worker('for (;;) Math.sqrt(Math.random());', { eval: true });
     setInterval(() => { try { process.kill(${process.pid}, 0); } catch { process.exit(0); } }, 1000);`,
  ],
  { stdio: 'ignore' },
);
let running = null;
const stopLoad = () => {
  load.kill('SIGKILL');
  if (running?.exitCode === null) {
    try {
      process.kill(-running.pid, 'SIGKILL');
    } catch {
      // Gone already.
    }
  }
};
process.on('exit', stopLoad);
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => process.exit(130));
console.log(
  `[under-load] ${cores} spinning thread(s) in pid ${load.pid}; running \`${command.join(' ')}\` ${runs} time(s)`,
);

const results = [];
for (let run = 1; run <= runs; run++) {
  const started = Date.now();
  const code = await new Promise((resolve) => {
    // A group of its own, killed with this script: a stopped run leaves nothing running.
    const child = spawn(command[0], command.slice(1), { stdio: 'inherit', detached: true });
    running = child;
    child.on('exit', (status, signal) => resolve(status ?? (signal ? 128 : 1)));
  });
  const seconds = Math.round((Date.now() - started) / 1000);
  results.push({ run, code, seconds });
  console.log(`[under-load] run ${run}/${runs}: exit ${code} in ${seconds} s`);
}
stopLoad();
console.log('[under-load] summary:');
for (const r of results)
  console.log(`[under-load]   run ${r.run}: ${r.code === 0 ? 'passed' : `FAILED (exit ${r.code})`}, ${r.seconds} s`);
process.exit(results.filter((r) => r.code !== 0).length);
