// Starts the load generator (load-client.ts) in its own process, sends it one request and returns
// its figures. For bursts, `between` runs after each one before the next is sent.
import { fork } from 'node:child_process';
import path from 'node:path';
import type { GetLoadRequest, LoadRequest } from './load-client.ts';
import type { LoadResult } from './stats.ts';

export function runLoadProcess(
  request: LoadRequest | GetLoadRequest,
  between: () => Promise<unknown> = async () => {},
): Promise<LoadResult> {
  const child = fork(path.join(import.meta.dirname, 'load-client.ts'), {
    execArgv: ['--import', 'tsx'],
    stdio: 'inherit',
  });
  return new Promise((resolve, reject) => {
    child.on('message', async (message: { type: string; result?: LoadResult }) => {
      if (message.type === 'burst-done') {
        await between();
        child.send('go');
        return;
      }
      if (message.type !== 'result') return;
      resolve(message.result!);
      child.kill();
    });
    child.on('error', reject);
    child.send(request);
  });
}

// A load that runs until stopped (its figures are not wanted): the background of a measurement.
// `steady` resolves once its process has started and warmed up, so what is measured beside it sees
// the load itself, not its start.
export function backgroundLoad(request: GetLoadRequest): { steady: Promise<void>; stop(): void } {
  const child = fork(path.join(import.meta.dirname, 'load-client.ts'), {
    execArgv: ['--import', 'tsx'],
    stdio: 'inherit',
  });
  const steady = new Promise<void>((resolve, reject) => {
    child.on('message', (message: { type: string }) => message.type === 'steady' && resolve());
    child.on('error', reject);
    child.on('exit', () => reject(new Error('the background load ended before it was steady')));
  });
  // Stopped before it was steady: nobody is waiting for it any more.
  steady.catch(() => {});
  child.send(request);
  return { steady, stop: () => child.kill() };
}
