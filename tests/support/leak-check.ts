// The suite's last step: no process a test started may outlive the run. Each carries the run's
// mark in its environment (processes.ts); any still running is listed, killed, and fails the run.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { CHILD_MARK, RUN_ID_VARIABLE } from './processes.ts';

type Leaked = { pid: number; command: string };

export function processesMarked(mark: string): Leaked[] {
  const found: Leaked[] = [];
  for (const name of readdirSync('/proc')) {
    const pid = Number(name);
    if (!Number.isInteger(pid) || pid === process.pid) continue;
    try {
      const environment = readFileSync(`/proc/${pid}/environ`, 'latin1').split('\0');
      if (!environment.includes(`${CHILD_MARK}=${mark}`)) continue;
      const command = readFileSync(`/proc/${pid}/cmdline`, 'latin1').split('\0').join(' ').trim();
      found.push({ pid, command });
    } catch {
      // Gone, or another user's.
    }
  }
  return found;
}

// PostgreSQL clusters of a test's own (database-outage.postgres.test.ts): pg_ctlcluster starts the
// server with an environment of its own, so they carry the run's mark in their names instead.
export const testClusterPrefix = (mark = process.env[RUN_ID_VARIABLE] ?? 'none') =>
  `outage_${mark
    .replace(/[^a-z0-9]/gi, '')
    .slice(0, 12)
    .toLowerCase()}_`;

function testClusters(): { version: string; name: string }[] {
  if (!existsSync('/usr/bin/pg_lsclusters')) return [];
  return execFileSync('pg_lsclusters', ['-h'])
    .toString()
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
    .filter(([, name]) => name?.startsWith(testClusterPrefix()))
    .map(([version, name]) => ({ version: version!, name: name! }));
}

export default function setup() {
  return () => {
    const mark = process.env[RUN_ID_VARIABLE];
    // Every project carries this teardown; the first one checks for the whole run.
    if (!mark || process.env.INCIDENT_BOT_LEAK_CHECKED) return;
    process.env.INCIDENT_BOT_LEAK_CHECKED = '1';
    const leaked = processesMarked(mark);
    for (const cluster of testClusters()) {
      leaked.push({ pid: 0, command: `PostgreSQL cluster ${cluster.version}/${cluster.name}` });
      execFileSync('pg_dropcluster', ['--stop', cluster.version, cluster.name], { stdio: 'ignore' });
    }
    if (!leaked.length) {
      process.stdout.write('leak check: no process started by a test is left running\n');
      return;
    }
    for (const { pid } of leaked) {
      if (!pid) continue;
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }
    process.stdout.write(
      `\nleak check FAILED: ${leaked.length} process(es) started by tests outlived them (killed now):\n` +
        leaked.map((l) => `  pid ${l.pid}: ${l.command.slice(0, 200)}`).join('\n') +
        '\n',
    );
    process.exitCode = 1;
  };
}
