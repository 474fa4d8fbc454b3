// Every process a test starts goes through here. Each runs in a process group of its own and carries
// this run's mark in its environment; the whole group is SIGKILLed when the test that started it ends
// (or, when a hook started it, when its file ends), passed or failed. The suite's last step
// (leak-check.ts) looks for the mark in every process still running.
import { type ChildProcess, spawn } from 'node:child_process';
import { afterAll, afterEach, beforeEach } from 'vitest';

// The mark's name; its value is the run's id (vitest.config.ts sets it for the workers).
export const CHILD_MARK = 'INCIDENT_BOT_TEST_CHILD';
export const RUN_ID_VARIABLE = 'INCIDENT_BOT_TEST_RUN';
const runId = () => process.env[RUN_ID_VARIABLE] ?? 'outside-vitest';

export type StartOptions = {
  env?: Record<string, string | undefined>;
  cwd?: string;
};

type Tracked = { child: ChildProcess; scope: 'test' | 'file' };
const tracked = new Set<Tracked>();
// Set by the setup file's hooks. (expect.getState().currentTestName cannot tell: files share a
// worker, and in a file's beforeAll it still names the previous file's last test.)
let inTest = false;

// Starts a process whose stdout and stderr are pipes; the caller reads them.
export function startProcess(command: string, args: string[], options: StartOptions = {}): ChildProcess {
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: { ...(options.env ?? process.env), [CHILD_MARK]: runId() },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group, so killing the group takes its children too.
    detached: true,
  });
  // Inside a test (or its beforeEach), the process belongs to that test; from beforeAll, to the file.
  const entry: Tracked = { child, scope: inTest ? 'test' : 'file' };
  // Kept after it exits: a process it started may have outlived it in its group.
  tracked.add(entry);
  return child;
}

export type Finished = { code: number; signal: NodeJS.Signals | null; stdout: string; stderr: string; output: string };

// Runs a process to its end. Past `timeoutMs` its group is killed and the result says so (code 124).
export function runProcess(
  command: string,
  args: string[],
  options: StartOptions & { timeoutMs?: number } = {},
): Promise<Finished> {
  const child = startProcess(command, args, options);
  let stdout = '';
  let stderr = '';
  let output = '';
  child.stdout!.on('data', (d) => {
    stdout += d;
    output += d;
  });
  child.stderr!.on('data', (d) => {
    stderr += d;
    output += d;
  });
  const timeoutMs = options.timeoutMs ?? 60_000;
  return new Promise((resolve, reject) => {
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup(child);
    }, timeoutMs);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      if (timedOut) output += `\n[killed after ${timeoutMs} ms]`;
      resolve({ code: timedOut ? 124 : (code ?? 128), signal, stdout, stderr, output });
    });
  });
}

export function killGroup(child: ChildProcess) {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    // The group is gone already.
  }
}

function killScope(scope: Tracked['scope'] | 'all') {
  for (const entry of [...tracked]) {
    if (scope !== 'all' && entry.scope !== scope) continue;
    killGroup(entry.child);
    tracked.delete(entry);
  }
}

// Registered in every test file by vitest.config.ts's setupFiles. Hooks run in reverse order of
// registration, so a file's own afterEach (a graceful stop, say) runs before these.
export function killProcessesAfterEachTest() {
  inTest = false;
  // Registered before the file's own hooks: this beforeEach runs first, this afterEach last.
  beforeEach(() => {
    inTest = true;
  });
  afterEach(() => {
    killScope('test');
    inTest = false;
  });
  afterAll(() => killScope('all'));
}
