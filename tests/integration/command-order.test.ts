// Commands about one incident take effect in the order Slack acknowledged them (SPEC.md
// "Reliability rules"), however fast they are typed and whatever fails in between.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backend } from '../support/backend.ts';
import { declare, settle, startTestBot, waitFor, type TestBot } from '../support/test-bot.ts';

// 30 commands as a responder might type them during one incident.
export const SCRIPT = [
  'note checkout errors reported',
  'impact api start',
  'status identified bad deploy of the cart service',
  'note rollback started',
  'impact api end',
  'mark mitigated',
  'status monitoring',
  'impact web start --degraded',
  'status investigating errors again',
  'sev SEV2 wider than we thought',
  'note second rollback',
  'impact web end',
  'impact api start',
  'status identified a second bad node',
  'impact api end',
  'update customers told about the second wave',
  'status monitoring',
  'note error rate at baseline',
  'sev SEV3 contained',
  'edit summary a bad deploy, rolled back twice',
  'action add a canary stage --priority high',
  'impact db start --env preview',
  'impact db end --env preview',
  'mark resolved',
  'status resolved all good',
  'note postmortem scheduled',
  'reopen one more error',
  'note last stragglers',
  'impact api start',
  'impact api end',
] as const;

// What a record is made of, without ids, numbers and times: two incidents run through the same
// commands must read the same.
export async function recordOf(t: TestBot, incidentId: string) {
  const db = t.bot.ctx.db;
  const entries = await db.timelineEntry.findMany({ where: { incidentId }, orderBy: { seq: 'asc' } });
  const statuses = await db.statusChange.findMany({ where: { incidentId }, orderBy: { occurredAt: 'asc' } });
  const severities = await db.severityChange.findMany({ where: { incidentId }, orderBy: { occurredAt: 'asc' } });
  const windows = await db.impactWindow.findMany({
    where: { incidentId, supersededAt: null },
    orderBy: [{ startedAt: 'asc' }, { service: 'asc' }],
  });
  return {
    timeline: entries.map((e) => `${e.kind}: ${e.text.replace(/INC-\d+/g, 'INC-n')}`),
    // The entries of the commands were typed one after another, so they happened in that order.
    inTypedOrder: entries.every((e, i) => i === 0 || e.occurredAt >= entries[i - 1]!.occurredAt),
    statuses: statuses.map((s) => `${s.fromStatus} -> ${s.toStatus}`),
    severities: severities.map((s) => `${s.fromLevel} -> ${s.toLevel}`),
    windows: windows.map((w) => `${w.service}/${w.environment} ${w.endedAt ? 'closed' : 'OPEN'}`),
  };
}

// The room as people read it, dates left out, and severity prompts too: they are asked on
// signals and timers, when the worker gets to them, not at a place in the typed sequence.
const isPrompt = (m: { text: string; blocks?: unknown }) =>
  JSON.stringify(m.blocks ?? '').includes('prompt_answer_') || /still right for|What severity is/.test(m.text);

export function roomPosts(t: TestBot, channelId: string) {
  return t.slack.channels
    .get(channelId)!
    .messages.filter((m) => !isPrompt(m))
    .map((m) => m.text.replace(/<!date\^[^>]+>/g, '<date>').replace(/INC-\d+/g, 'INC-n'));
}

describe(`commands take effect in the order they were acknowledged (${backend})`, () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await startTestBot();
  });
  afterAll(() => t?.stop());

  it('30 commands sent back to back give the same record as the same commands sent slowly', async () => {
    const slow = await declare(t, 'Checkout errors --sev SEV3 --services api');
    for (const text of SCRIPT) {
      await t.driver.command(text, { channel: slow.channelId });
      await settle(t);
    }
    const fast = await declare(t, 'Checkout errors --sev SEV3 --services api');
    // Each one sent as soon as the previous one was acknowledged.
    for (const text of SCRIPT) {
      const { ack } = await t.driver.command(text, { channel: fast.channelId });
      expect(ack.status).toBe(200);
    }
    await settle(t, 60_000);

    const expected = await recordOf(t, slow.incident.id);
    expect(expected.windows).toEqual([
      'api/production closed',
      'web/production closed',
      'api/production closed',
      'db/preview closed',
      'api/production closed',
    ]);
    expect(expected.statuses).toEqual([
      'null -> investigating',
      'investigating -> identified',
      'identified -> monitoring',
      'monitoring -> investigating',
      'investigating -> identified',
      'identified -> monitoring',
      'monitoring -> resolved',
      'resolved -> investigating',
    ]);
    expect(expected.inTypedOrder).toBe(true);
    expect(await recordOf(t, fast.incident.id)).toEqual(expected);
    expect(roomPosts(t, fast.channelId)).toEqual(roomPosts(t, slow.channelId));
  });

  it('a command whose time zone lookup fails once is not overtaken by the next one', async () => {
    const { incident, channelId } = await declare(t, 'Lookup fails --sev SEV3 --services api');
    // Someone the bot has never looked up: their first timed command asks Slack for their zone.
    t.slack.addUser({ id: 'U0DAVE001', name: 'dave', email: 'dave@example.com', tz: 'Europe/Paris' });
    t.slack.faults.arm({ kind: 'server_error', status: 500 }, 1, 'users.info');
    await t.driver.command('impact api start -2m', { channel: channelId, user: 'U0DAVE001' });
    await t.driver.command('impact api end', { channel: channelId, user: 'U0DAVE001' });
    await t.driver.command('note after both', { channel: channelId, user: 'U0DAVE001' });
    await settle(t, 30_000);

    expect(t.slack.calls.filter((c) => c.method === 'users.info' && !c.ok)).not.toHaveLength(0);
    const windows = await t.bot.ctx.db.impactWindow.findMany({
      where: { incidentId: incident.id, supersededAt: null },
    });
    expect(windows.map((w) => ({ service: w.service, closed: w.endedAt !== null }))).toEqual([
      { service: 'api', closed: true },
    ]);
    const entries = await t.bot.ctx.db.timelineEntry.findMany({
      where: { incidentId: incident.id, kind: { in: ['impact', 'note'] } },
      orderBy: { seq: 'asc' },
    });
    expect(entries.map((e) => e.text)).toEqual([
      'Impact on api (production) started (down)',
      'Impact on api (production) ended',
      'after both',
    ]);
  });

  it('a command that keeps failing is refused after its attempts and stops holding up the incident', async () => {
    const { incident, channelId } = await declare(t, 'Slack keeps failing --sev SEV3 --services api');
    t.slack.addUser({ id: 'U0ERIN001', name: 'erin', email: 'erin@example.com', tz: 'Europe/Paris' });
    t.slack.faults.arm({ kind: 'server_error', status: 500 }, 100, 'users.info');
    const refused = await t.driver.command('note -5m needs a time zone', { channel: channelId, user: 'U0ERIN001' });
    await t.driver.command('note typed right after', { channel: channelId, user: 'U0ERIN001' });
    const answer = await waitFor(() => refused.replies()[0], 'the refusal', 40_000);
    t.slack.faults.clear();
    expect(String(answer.text)).toContain('could not carry out `/incident note`');
    expect(String(answer.text)).toContain('Nothing of it was recorded');
    await settle(t, 10_000);
    const notes = await t.bot.ctx.db.timelineEntry.findMany({ where: { incidentId: incident.id, kind: 'note' } });
    expect(notes.map((n) => n.text)).toEqual(['typed right after']);
  });
});
