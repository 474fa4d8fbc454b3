// The job queue's ordering on its own, on the real database: jobs with one queue key run one at a
// time in the order they were written, through failures and retries; other keys run meanwhile; a
// job that keeps failing lets the ones behind it go after a bound, and keeps being retried.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/log.ts';
import { enqueue } from '../../src/jobs/queue.ts';
import { RetryLater } from '../../src/jobs/errors.ts';
import { Worker } from '../../src/jobs/worker.ts';
import { openDatabase, type Database } from '../../src/store/database.ts';
import type { Job } from '../../src/store/generated/client.ts';
import { backend, createTestDatabase, type TestDatabaseLocation } from '../support/backend.ts';

describe(`queue order (${backend})`, () => {
  let location: TestDatabaseLocation;
  let database: Database;
  let now: number;
  const clock = { now: () => new Date(now) };
  const ran: string[] = [];
  // Names of steps that fail, with how many more times each will.
  const failing = new Map<string, number>();
  let running = 0;
  let overlapped = false;

  beforeEach(async () => {
    location = await createTestDatabase();
    database = await openDatabase({ databaseUrl: location.databaseUrl, dataDir: location.dataDir });
    now = Date.parse('2026-12-01T10:00:00Z');
    ran.length = 0;
    failing.clear();
    overlapped = false;
  });
  afterEach(async () => {
    await database.close();
    await location.drop();
  });

  const worker = (holdQueueAttempts?: number) =>
    new Worker({
      db: database.prisma,
      clock,
      logger: createLogger('silent'),
      holdQueueAttempts,
      handlers: {
        step: async (job: Job) => {
          const { name } = job.payload as { name: string };
          running++;
          if (running > 1 && job.queueKey === 'channel:C1') overlapped = true;
          try {
            await new Promise((r) => setTimeout(r, 2));
            const left = failing.get(name) ?? 0;
            if (left > 0) {
              failing.set(name, left - 1);
              throw new RetryLater(`${name} fails`);
            }
            ran.push(name);
            return {};
          } finally {
            running--;
          }
        },
      },
    });
  const queue = (names: string[], queueKey?: string) =>
    enqueue(
      database.prisma,
      clock.now(),
      names.map((name) => ({ kind: 'step', payload: { name }, queueKey })),
    );
  // Runs every pass that can run now, moving the clock past each retry's backoff.
  const runAll = async (w: Worker, passes = 12) => {
    for (let i = 0; i < passes; i++) {
      await w.drain();
      now += 5 * 60_000;
    }
  };

  it('runs one queue in order through a failure, while another queue and unkeyed jobs go on', async () => {
    await queue(['a1', 'a2', 'a3'], 'room:a');
    await queue(['b1', 'b2'], 'room:b');
    await queue(['free']);
    failing.set('a1', 2);
    const w = worker();
    await w.drain();
    // a1 failed and waits for its retry: nothing of queue a may overtake it; b and the rest ran.
    expect(ran).toEqual(expect.arrayContaining(['b1', 'b2', 'free']));
    expect(ran.filter((n) => n.startsWith('a'))).toEqual([]);
    expect(ran.indexOf('b1')).toBeLessThan(ran.indexOf('b2'));
    await runAll(w);
    expect(ran.filter((n) => n.startsWith('a'))).toEqual(['a1', 'a2', 'a3']);
  });

  it('lets the queue go on after a job has failed its bound of attempts, and still retries it', async () => {
    await queue(['stuck', 'next', 'last'], 'room:c');
    failing.set('stuck', 4);
    const w = worker(3);
    await runAll(w, 3);
    // Three failed attempts: released, so the others ran; the fourth attempt failed too.
    expect(ran).toEqual(['next', 'last']);
    await runAll(w, 3);
    expect(ran).toEqual(['next', 'last', 'stuck']);
  });

  it('two workers never run two jobs of one queue at once', async () => {
    const names = Array.from({ length: 20 }, (_, i) => `j${i}`);
    await queue(names, 'channel:C1');
    const [w1, w2] = [worker(), worker()];
    await Promise.all([w1.drain(), w2.drain(), w1.drain(), w2.drain()]);
    await runAll(w1, 2);
    expect(ran).toEqual(names);
    expect(overlapped).toBe(false);
  });
});
