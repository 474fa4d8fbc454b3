// The test support's own promise: a process a test starts dies with the test, its children too,
// while one a beforeAll started lives until its file ends; the leak check finds marked processes.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { processesMarked } from '../support/leak-check.ts';
import { CHILD_MARK, RUN_ID_VARIABLE, runProcess, startProcess } from '../support/processes.ts';

const alive = (pid: number) => {
  try {
    // A zombie is dead: it only waits for its parent to read its status.
    return !/^\d+ \(.*\) Z /.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
};

describe('processes started by tests', () => {
  let fileScoped: number;
  const testScoped: number[] = [];

  beforeAll(() => {
    fileScoped = startProcess('sleep', ['300']).pid!;
  });

  it('starts a process group whose members carry the run mark', async () => {
    // The shell starts a grandchild and prints its pid, then both wait.
    const child = startProcess('sh', ['-c', 'sleep 300 & echo $!; wait']);
    const grandchild = await new Promise<number>((resolve) => child.stdout!.once('data', (d) => resolve(Number(d))));
    testScoped.push(child.pid!, grandchild);
    expect(alive(grandchild)).toBe(true);
    const mark = process.env[RUN_ID_VARIABLE]!;
    expect(readFileSync(`/proc/${grandchild}/environ`, 'latin1')).toContain(`${CHILD_MARK}=${mark}`);
    expect(processesMarked(mark).map((p) => p.pid)).toEqual(expect.arrayContaining([child.pid, grandchild]));
  });

  it('killed the last test’s processes, grandchild included, and kept the file’s', async () => {
    // SIGKILL is delivered at once; the margin only covers the parent reaping its child.
    for (let i = 0; i < 50 && testScoped.some(alive); i++) await new Promise((r) => setTimeout(r, 20));
    expect(testScoped.filter(alive)).toEqual([]);
    expect(alive(fileScoped)).toBe(true);
  });

  it('runs a process to its end, and kills its group past a timeout', async () => {
    const done = await runProcess('sh', ['-c', 'echo out; echo err >&2; exit 3']);
    expect(done).toMatchObject({ code: 3, stdout: 'out\n', stderr: 'err\n' });
    const started = Date.now();
    const late = await runProcess('sh', ['-c', 'sleep 300 & wait'], { timeoutMs: 300 });
    expect(late.code).toBe(124);
    expect(late.output).toContain('killed after 300 ms');
    // Far under the 300 s sleep: the group was killed, not waited for.
    expect(Date.now() - started).toBeLessThan(30_000);
  });
});
