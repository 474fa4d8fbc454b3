// The deploy gate on PostgreSQL, where another replica may change the freezes: the gate answers from
// its copy of them, never older than `maxAgeMs`, and reloads it in the background once it is half
// that old, so a request does not wait on a reload the database is slow to answer (a busy server,
// pipelines reporting deploys, a long lock) while the copy is still young enough.
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeployGate } from '../../src/app/deploy-gate.ts';
import { createLogger } from '../../src/log.ts';
import { backend } from '../support/backend.ts';
import { startTestBot, type TestBot } from '../support/test-bot.ts';

// Long enough that a loaded machine's delays (hundreds of ms) stay well inside each step below.
const MAX_AGE_MS = 4_000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const untilAge = async (since: number, ms: number) => {
  while (performance.now() - since < ms) await sleep(Math.max(1, ms - (performance.now() - since)));
};
const QUERY = { service: 'api', environment: 'production', version: 'abc1234' };

// Runs in the postgres project only (vitest.config.ts): on the embedded database the one process is
// the only writer, and its gate never reloads on age.
describe(`the deploy gate's copy of the freezes (${backend})`, () => {
  let t: TestBot;
  let gate: DeployGate;
  let locker: pg.Client;
  beforeAll(async () => {
    t = await startTestBot();
    gate = new DeployGate({
      db: t.bot.ctx.db,
      clock: t.bot.ctx.clock,
      logger: createLogger('silent'),
      maxAgeMs: MAX_AGE_MS,
    });
    locker = new pg.Client({ connectionString: t.bot.ctx.config.DATABASE_URL });
    await locker.connect();
  });
  afterAll(async () => {
    await locker?.end();
    await gate?.stop();
    await t?.stop();
  });

  it('answers from a young copy while its reload waits on a lock', async () => {
    const loaded = performance.now();
    expect((await gate.check(QUERY, 'ci')).status).toBe(200);
    // Past half its age: this answer starts a reload in the background, which finishes at once.
    await untilAge(loaded, MAX_AGE_MS / 2 + 100);
    const reloaded = performance.now();
    expect((await gate.check(QUERY, 'ci')).status).toBe(200);
    await sleep(300);
    // The first copy is now older than the limit; the one reloaded in the background is not. A
    // transaction holding the Freeze table (as a migration would) makes any read of it wait.
    await untilAge(loaded, MAX_AGE_MS + 100);
    expect(performance.now() - reloaded).toBeLessThan(MAX_AGE_MS - 1_000);
    await locker.query('BEGIN');
    await locker.query('LOCK TABLE "Freeze" IN ACCESS EXCLUSIVE MODE');
    try {
      const answer = await Promise.race([gate.check(QUERY, 'ci'), sleep(1_000).then(() => 'waited on the lock')]);
      expect(answer).toMatchObject({ status: 200 });
    } finally {
      await locker.query('ROLLBACK');
    }
  });

  it('sees a freeze another replica wrote once its copy could be that old', async () => {
    expect((await gate.check(QUERY, 'ci')).status).toBe(200);
    await t.bot.ctx.db.freeze.create({
      data: { services: ['api'], reason: 'set elsewhere', createdBy: 'U0BOB0001', startedAt: t.bot.ctx.clock.now() },
    });
    const written = performance.now();
    // Whatever copy the gate answers from from now on was read after the write.
    await untilAge(written, MAX_AGE_MS + 10);
    expect((await gate.check(QUERY, 'ci')).status).toBe(423);
  });
});
