import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backend } from '../support/backend.ts';
import { declare, settle, startTestBot, waitFor, type TestBot } from '../support/test-bot.ts';

describe(`severity changes (${backend})`, () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await startTestBot({
      file: {
        announcements_channel: 'incidents',
        services: [{ id: 'api' }],
        policy: { raise_to_worst: ['commander'] },
      },
    });
  });
  afterAll(() => t?.stop());

  const db = () => t.bot.ctx.db;
  const announced = () => t.slack.channelByName('incidents')!.messages.map((m) => m.text);

  it('records from, to, who, when and why; announces upgrades and downgrades; updates the header', async () => {
    const { incident, channelId } = await declare(t, 'Signup flow down --sev SEV2 --services api');
    await t.driver.command('sev SEV0 signup down for every customer', { channel: channelId });
    await settle(t);
    await t.driver.command('sev 3 --at -5m contained to one region', { channel: channelId, user: 'U0BOB0001' });
    await settle(t);
    const changes = await db().severityChange.findMany({ where: { incidentId: incident.id }, orderBy: { id: 'asc' } });
    expect(changes.map((c) => [c.fromLevel, c.toLevel, c.changedBy, c.reason])).toEqual([
      [null, 'SEV2', 'U0ALICE01', ''],
      ['SEV2', 'SEV0', 'U0ALICE01', 'signup down for every customer'],
      ['SEV0', 'SEV3', 'U0BOB0001', 'contained to one region'],
    ]);
    expect(changes[2]!.recordedAt.getTime() - changes[2]!.occurredAt.getTime()).toBeGreaterThan(4 * 60_000);
    expect((await db().incident.findUniqueOrThrow({ where: { id: incident.id } })).severity).toBe('SEV3');
    expect(announced().some((m) => m.includes(`INC-${incident.number} upgraded SEV2 → SEV0`))).toBe(true);
    expect(announced().some((m) => m.includes(`INC-${incident.number} downgraded SEV0 → SEV3`))).toBe(true);
    const channel = t.slack.channels.get(channelId)!;
    const header = channel.messages.find((m) => channel.pins.has(m.ts))!;
    expect(JSON.stringify(header.blocks)).toContain('*Severity*\\nSEV3');
    expect(channel.topic).toContain('SEV3');
  });

  it('refuses a repeat, and raising to the worst level without the role', async () => {
    const { incident, channelId } = await declare(t, 'Policy check --sev SEV2');
    const same = await t.driver.command('sev SEV2', { channel: channelId });
    expect(String((await waitFor(() => same.replies()[0], 'refusal')).text)).toBe(
      `INC-${incident.number} is already SEV2. Nothing changed.`,
    );
    const worst = await t.driver.command('sev SEV0', { channel: channelId, user: 'U0BOB0001' });
    expect(String((await waitFor(() => worst.replies()[0], 'refusal')).text)).toBe(
      `Only the commander may raise INC-${incident.number} to SEV0.`,
    );
    const bad = await t.driver.command('sev SEV7', { channel: channelId });
    expect(String(bad.ack.json?.text)).toContain('Give a severity: SEV0, SEV1, SEV2, SEV3, SEV4.');
    expect(await db().severityChange.count({ where: { incidentId: incident.id } })).toBe(1);
  });

  it('changes severity from the picker on the header', async () => {
    const { incident, channelId, channel } = await declare(t, 'Picker --sev SEV3');
    const header = channel.messages.find((m) => channel.pins.has(m.ts))!;
    expect(JSON.stringify(header.blocks)).toContain('set_severity');
    await t.driver.interaction({
      type: 'block_actions',
      user: { id: 'U0ALICE01', team_id: t.driver.teamId },
      channel: { id: channelId },
      container: { type: 'message', channel_id: channelId, message_ts: header.ts },
      trigger_id: 'trig',
      response_url: t.slack.responseUrl('picker'),
      actions: [
        {
          type: 'static_select',
          action_id: 'set_severity',
          block_id: 'severity',
          selected_option: { value: 'SEV1', text: { type: 'plain_text', text: 'SEV1' } },
          action_ts: '1',
        },
      ],
    });
    await waitFor(
      async () => (await db().incident.findUniqueOrThrow({ where: { id: incident.id } })).severity === 'SEV1',
      'the change',
    );
  });
});
