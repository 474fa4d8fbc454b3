import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backend } from '../support/backend.ts';
import { ManualClock } from '../support/manual-clock.ts';
import { advanceClock, declare, settle, startTestBot, type TestBot, waitFor } from '../support/test-bot.ts';

const MINUTE = 60_000;

describe(`severity prompts and comms nudges on durable timers (${backend})`, () => {
  let t: TestBot;
  const clock = new ManualClock();
  beforeAll(async () => {
    t = await startTestBot({
      clock,
      file: {
        announcements_channel: 'incidents',
        services: [{ id: 'api' }, { id: 'web' }],
        severities: [
          { id: 'SEV0', description: 'Critical', prompt_every: '15m', nudge_every: '20m' },
          { id: 'SEV1', description: 'Major', prompt_every: '30m', nudge_every: '45m' },
          { id: 'SEV2', description: 'Minor', prompt_every: '1h' },
        ],
      },
    });
  });
  afterAll(() => t?.stop());

  const db = () => t.bot.ctx.db;
  const advance = (ms: number) => advanceClock(t, clock, ms);
  const promptsIn = (channelId: string) =>
    t.slack.channels.get(channelId)!.messages.filter((m) => JSON.stringify(m.blocks ?? '').includes('prompt_answer_'));
  const press = async (channelId: string, promptId: string, answer: 'keep' | 'raise' | 'lower', user = 'U0ALICE01') => {
    await t.driver.pressButton({
      channel: channelId,
      actionId: `prompt_answer_${answer}`,
      blockId: `prompt:${promptId}`,
      value: promptId,
      user,
    });
    await waitFor(
      async () => (await db().prompt.findUniqueOrThrow({ where: { id: promptId } })).answeredAt,
      'the answer',
    );
    await settle(t);
  };

  it('asks at declaration when no severity was chosen, and records the answer in place', async () => {
    const { incident, channelId } = await declare(t, 'No severity yet');
    const prompt = await waitFor(
      () => db().prompt.findFirst({ where: { incidentId: incident.id, kind: 'severity' } }),
      'the prompt',
    );
    expect(prompt.trigger).toBe('declared_without_severity');
    expect(promptsIn(channelId)).toHaveLength(1);
    await t.driver.interaction({
      type: 'block_actions',
      user: { id: 'U0ALICE01', team_id: t.driver.teamId },
      channel: { id: channelId },
      trigger_id: 'trig',
      actions: [
        {
          type: 'static_select',
          action_id: 'prompt_answer_level',
          block_id: `prompt:${prompt.id}`,
          selected_option: { value: `${prompt.id}|SEV1` },
          action_ts: '1',
        },
      ],
    });
    await waitFor(
      async () => (await db().incident.findUniqueOrThrow({ where: { id: incident.id } })).severity === 'SEV1',
      'the new level',
    );
    await settle(t);
    const answered = await db().prompt.findUniqueOrThrow({ where: { id: prompt.id } });
    expect(answered).toMatchObject({ answeredBy: 'U0ALICE01', answer: 'SEV1' });
    const message = t.slack.channels.get(channelId)!.messages.find((m) => m.ts === prompt.messageTs)!;
    expect(message.text).toContain('changed to SEV1 by <@U0ALICE01>');
    expect(JSON.stringify(message.blocks)).not.toContain('prompt_answer_');
  });

  it("asks again on the level's cadence, and Keep restarts the cadence", async () => {
    const { incident, channelId } = await declare(t, 'Cadence --sev SEV1');
    await advance(29 * MINUTE);
    expect(await db().prompt.count({ where: { incidentId: incident.id, kind: 'severity' } })).toBe(0);
    await advance(2 * MINUTE);
    const first = await waitFor(
      () => db().prompt.findFirst({ where: { incidentId: incident.id, kind: 'severity' } }),
      'the cadence prompt',
    );
    expect(first.trigger).toBe('cadence');
    expect(promptsIn(channelId).at(-1)!.text).toBe(`Is SEV1 still right for INC-${incident.number}?`);
    clock.advance(90_000);
    await press(channelId, first.id, 'keep');
    const kept = await db().prompt.findUniqueOrThrow({ where: { id: first.id } });
    expect(kept.answer).toBe('keep');
    expect(kept.answeredAt!.getTime() - kept.askedAt.getTime()).toBeGreaterThanOrEqual(90_000);
    await advance(31 * MINUTE);
    expect(await db().prompt.count({ where: { incidentId: incident.id, kind: 'severity' } })).toBe(2);
  });

  it('asks on signals: services added, status back to investigating', async () => {
    const { incident, channelId } = await declare(t, 'Signals --sev SEV2 --services api');
    await t.driver.command('services add web', { channel: channelId });
    const prompt = await waitFor(
      () => db().prompt.findFirst({ where: { incidentId: incident.id, trigger: 'services_added' } }),
      'the signal prompt',
    );
    await press(channelId, prompt.id, 'raise');
    expect((await db().incident.findUniqueOrThrow({ where: { id: incident.id } })).severity).toBe('SEV1');
    await t.driver.command('status monitoring', { channel: channelId });
    await settle(t);
    await t.driver.command('status investigating still errors', { channel: channelId });
    await waitFor(
      () => db().prompt.findFirst({ where: { incidentId: incident.id, trigger: 'status_investigating' } }),
      'the second signal prompt',
    );
  });

  it('re-asks an unanswered prompt once, then tells the commander directly', async () => {
    const { incident, channelId } = await declare(t, 'Nobody answers');
    const prompt = await waitFor(() => db().prompt.findFirst({ where: { incidentId: incident.id } }), 'the prompt');
    await advance(10 * MINUTE + 1_000);
    expect((await db().prompt.findUniqueOrThrow({ where: { id: prompt.id } })).reaskedAt).not.toBeNull();
    expect(promptsIn(channelId)).toHaveLength(2);
    await advance(10 * MINUTE + 1_000);
    expect((await db().prompt.findUniqueOrThrow({ where: { id: prompt.id } })).escalatedAt).not.toBeNull();
    const dm = t.slack.channels.get('D0ALICE01')!;
    expect(dm.messages.filter((m) => m.text.includes(`Nobody in <#${channelId}> has answered`))).toHaveLength(1);
    await advance(30 * MINUTE);
    expect(promptsIn(channelId)).toHaveLength(2);
  });

  it('nudges comms on their cadence; an update answers the nudge and resets it', async () => {
    const { incident, channelId } = await declare(t, 'Nudges --sev SEV0');
    await t.driver.command('role comms <@U0BOB0001>', { channel: channelId });
    await settle(t);
    await advance(21 * MINUTE);
    const nudge = await waitFor(
      () => db().prompt.findFirst({ where: { incidentId: incident.id, kind: 'nudge' } }),
      'the nudge',
    );
    expect(
      t.slack.channels
        .get(channelId)!
        .messages.some((m) => m.text.startsWith('<@U0BOB0001>, time for a status update')),
    ).toBe(true);
    await t.driver.command('update Mitigation in progress', { channel: channelId, user: 'U0BOB0001' });
    await settle(t);
    expect((await db().prompt.findUniqueOrThrow({ where: { id: nudge.id } })).answer).toBe('update');
    await advance(15 * MINUTE);
    expect(await db().prompt.count({ where: { incidentId: incident.id, kind: 'nudge' } })).toBe(1);
    await advance(6 * MINUTE);
    expect(await db().prompt.count({ where: { incidentId: incident.id, kind: 'nudge' } })).toBe(2);
  });

  it('sends nothing after the incident ends, nor for drills', async () => {
    const { incident, channelId } = await declare(t, 'Ends quickly --sev SEV0');
    await t.driver.command('status resolved', { channel: channelId });
    await settle(t);
    const drill = await declare(t, 'Practice --drill');
    await advance(3 * 3_600_000);
    expect(await db().prompt.count({ where: { incidentId: { in: [incident.id, drill.incident.id] } } })).toBe(0);
    expect(
      await db().job.count({ where: { incidentId: incident.id, kind: { startsWith: 'prompt.' }, status: 'pending' } }),
    ).toBe(0);
  });
});
