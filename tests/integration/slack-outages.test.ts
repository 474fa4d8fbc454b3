import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backend } from '../support/backend.ts';
import { ManualClock } from '../support/manual-clock.ts';
import { settle, startTestBot, waitFor, type TestBot } from '../support/test-bot.ts';

describe(`Slack failing: the room is delayed, never lost (${backend})`, () => {
  let t: TestBot;
  const clock = new ManualClock();
  beforeAll(async () => {
    t = await startTestBot({ clock });
  });
  afterAll(() => t?.stop());

  const db = () => t.bot.ctx.db;
  const createJob = (incidentId: string) =>
    db().job.findFirstOrThrow({ where: { incidentId, kind: 'slack.create_channel' } });

  it('honours Retry-After on a 429, then creates the room once', async () => {
    t.slack.faults.arm({ kind: 'ratelimit', retryAfter: 30 }, 1, 'conversations.create');
    await t.driver.command('declare Rate limited --sev SEV2');
    const incident = await waitFor(() => db().incident.findFirst({ where: { title: 'Rate limited' } }), 'the incident');
    const job = await waitFor(async () => {
      const j = await createJob(incident.id);
      return j.attempts === 1 && j.status === 'pending' ? j : null;
    }, 'the rate-limited attempt');
    expect(job.lastError).toContain('rate limit');
    expect(job.runAt.getTime() - clock.now().getTime()).toBeGreaterThan(28_000);
    t.bot.worker.kick();
    await new Promise((r) => setTimeout(r, 200));
    expect(t.slack.callsTo('conversations.create')).toHaveLength(0);

    clock.advance(31_000);
    t.bot.worker.kick();
    await waitFor(
      async () => (await db().incident.findUniqueOrThrow({ where: { id: incident.id } })).channelId,
      'the room',
    );
    await settle(t);
    expect(t.slack.callsTo('conversations.create')).toHaveLength(1);
  });

  it('keeps retrying with backoff while Slack is down, and opens the room once it is back', async () => {
    t.slack.faults.arm({ kind: 'server_error', status: 503 }, 12);
    const { ack, replies } = await t.driver.command('declare Slack is down --sev SEV1');
    expect(ack.status).toBe(200);
    const incident = await waitFor(
      () => db().incident.findFirst({ where: { title: 'Slack is down' } }),
      'the incident',
    );
    // The outage lasts twelve failed calls; the clock moves a minute at a time (at most two hours)
    // until the backoff has brought the room through.
    const roomFor = async () => (await db().incident.findUniqueOrThrow({ where: { id: incident.id } })).channelId;
    for (let minute = 0; minute < 120 && !(await roomFor()); minute++) {
      clock.advance(60_000);
      t.bot.worker.kick();
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(await roomFor()).toBeTruthy();
    for (
      let i = 0;
      i < 10 &&
      (await db().job.count({
        where: { incidentId: incident.id, status: { not: 'done' }, kind: { startsWith: 'slack.' } },
      })) > 0;
      i++
    ) {
      clock.advance(300_000);
      t.bot.worker.kick();
      await new Promise((r) => setTimeout(r, 200));
    }
    await settle(t);
    const failed = t.slack.calls.filter((c) => c.error === 'server_error');
    expect(failed.length).toBe(12);
    const rooms = [...t.slack.channels.values()].filter((c) => c.name.includes('slack-is-down'));
    expect(rooms).toHaveLength(1);
    expect(rooms[0]!.pins.size).toBe(1);
    expect(replies().some((r) => String(r.text).includes('is open'))).toBe(true);
    expect(await db().job.count({ where: { status: 'failed' } })).toBe(0);
  });

  it('adds each bookmark once when an answer was lost', async () => {
    t.slack.faults.arm({ kind: 'drop_response' }, 1, 'bookmarks.add');
    await t.driver.command('declare Lost bookmark answer --sev SEV3');
    const incident = await waitFor(
      () => db().incident.findFirst({ where: { title: 'Lost bookmark answer', channelId: { not: null } } }),
      'the room',
    );
    const retried = await waitFor(async () => {
      const job = await db().job.findFirst({ where: { incidentId: incident.id, kind: 'slack.add_bookmarks' } });
      return job?.attempts === 1 && job.status === 'pending' ? job : null;
    }, 'the failed attempt');
    expect(retried.lastError).toBeTruthy();
    clock.advance(60_000);
    t.bot.worker.kick();
    await waitFor(
      async () => (await db().job.findFirstOrThrow({ where: { id: retried.id } })).status === 'done',
      'the retry',
    );
    expect(t.slack.channels.get(incident.channelId!)!.bookmarks.map((b) => b.title)).toEqual([
      'Runbook',
      'Status page',
    ]);
  });
});
