// The records kept to recognise a repeated Slack request, Slack event or webhook delivery are
// removed by a durable timer once no repeat can arrive; expired sign-in links and sessions too.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backend } from '../support/backend.ts';
import { ManualClock } from '../support/manual-clock.ts';
import { advanceClock, startTestBot, type TestBot, waitFor } from '../support/test-bot.ts';

const HOUR = 3_600_000;

describe(`pruning records kept for repeats (${backend})`, () => {
  let t: TestBot;
  const clock = new ManualClock();
  beforeAll(async () => {
    t = await startTestBot({ clock });
  });
  afterAll(() => t?.stop());

  const db = () => t.bot.ctx.db;
  const kept = async () =>
    (await db().processedEvent.findMany({ orderBy: { eventId: 'asc' } })).map((e) =>
      e.eventId.startsWith('request:') ? 'request' : e.eventId,
    );

  it('keeps a request an hour, an event a day, a webhook delivery a week', async () => {
    // A signed slash command leaves its signature; an event and a PagerDuty delivery their ids.
    await t.driver.command('help');
    await waitFor(async () => (await kept()).includes('request'), 'the request signature');
    await db().processedEvent.createMany({
      data: [
        { eventId: 'Ev0SLACK01', source: 'slack' },
        { eventId: 'pagerduty:01PD', source: 'pagerduty' },
      ],
    });
    await db().webLoginToken.create({
      data: { tokenHash: 'h1', userId: 'U0ALICE01', teamId: 'T1', createdAt: clock.now(), expiresAt: clock.now() },
    });
    expect(await kept()).toEqual(['Ev0SLACK01', 'pagerduty:01PD', 'request']);

    await advanceClock(t, clock, 6 * HOUR + 60_000);
    expect(await kept()).toEqual(['Ev0SLACK01', 'pagerduty:01PD']);
    expect(await db().webLoginToken.count()).toBe(1);

    await advanceClock(t, clock, 24 * HOUR);
    expect(await kept()).toEqual(['pagerduty:01PD']);
    expect(await db().webLoginToken.count()).toBe(0);

    await advanceClock(t, clock, 7 * 24 * HOUR);
    expect(await kept()).toEqual([]);
    // One timer for the next time, never two.
    expect(await db().job.count({ where: { kind: 'housekeeping.prune', status: 'pending' } })).toBe(1);
  });
});
