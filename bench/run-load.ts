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
      resolve(message.result!);
      child.kill();
    });
    child.on('error', reject);
    child.send(request);
  });
}

// A load that runs until stopped (its figures are not wanted): the background of a measurement.
export function backgroundLoad(request: GetLoadRequest): { stop(): void } {
  const child = fork(path.join(import.meta.dirname, 'load-client.ts'), {
    execArgv: ['--import', 'tsx'],
    stdio: 'inherit',
  });
  child.send(request);
  return { stop: () => child.kill() };
}
