import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backend } from '../support/backend.ts';
import { declare, settle, startTestBot, waitFor, type TestBot } from '../support/test-bot.ts';

describe(`incident lifecycle in the room (${backend})`, () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await startTestBot({
      file: {
        announcements_channel: 'incidents',
        services: [
          { id: 'api', responders: ['bob@example.com'] },
          { id: 'web', responders: ['U0CAROL01'] },
        ],
        policy: { reopen: ['commander'] },
      },
    });
  });
  afterAll(() => t?.stop());

  const db = () => t.bot.ctx.db;
  const run = async (channel: string, text: string, user = 'U0ALICE01') => {
    const sent = await t.driver.command(text, { channel, user });
    await settle(t);
    return sent;
  };
  const header = (channelId: string) => {
    const channel = t.slack.channels.get(channelId)!;
    return channel.messages.find((m) => channel.pins.has(m.ts))!;
  };

  it('goes through every status, back again, and sets milestones once', async () => {
    const { incident, channelId } = await declare(t, 'Checkout errors --sev SEV2 --services api');
    const headerTs = header(channelId).ts;
    for (const status of ['identified', 'monitoring', 'investigating', 'monitoring', 'resolved']) {
      await run(channelId, `status ${status} ${status === 'investigating' ? 'still seeing intermittent errors' : ''}`);
    }
    const changes = await db().statusChange.findMany({ where: { incidentId: incident.id }, orderBy: { id: 'asc' } });
    expect(changes.map((c) => c.toStatus)).toEqual([
      'investigating',
      'identified',
      'monitoring',
      'investigating',
      'monitoring',
      'resolved',
    ]);
    expect(changes[3]!.message).toBe('still seeing intermittent errors');
    const milestones = await db().milestone.findMany({ where: { incidentId: incident.id, supersededAt: null } });
    expect(milestones.map((m) => m.kind).sort()).toEqual(['declared', 'identified', 'mitigated', 'resolved']);
    // The second "monitoring" did not move `mitigated`.
    const mitigated = milestones.find((m) => m.kind === 'mitigated')!;
    expect(mitigated.occurredAt.getTime()).toBe(changes[2]!.occurredAt.getTime());
    const ended = await db().incident.findUniqueOrThrow({ where: { id: incident.id } });
    expect(ended.endedAt).not.toBeNull();

    // The header was edited in place: still one pinned bot message, now showing "resolved".
    const channel = t.slack.channels.get(channelId)!;
    expect(channel.pins.size).toBe(1);
    expect(header(channelId).ts).toBe(headerTs);
    expect(JSON.stringify(header(channelId).blocks)).toContain('resolved');
    expect(t.slack.callsTo('chat.update').length).toBeGreaterThan(0);
    expect(channel.topic).toContain('resolved');
    const posts = channel.messages.filter((m) => m.text.includes('set the status to'));
    expect(posts).toHaveLength(5);
    expect(
      t.slack.channelByName('incidents')!.messages.some((m) => m.text.includes(`INC-${incident.number} resolved`)),
    ).toBe(true);
  });

  it('refuses a repeated status politely, writing nothing', async () => {
    const { incident, channelId } = await declare(t, 'Slow search --sev SEV3');
    const sent = await run(channelId, 'status investigating');
    const reply = await waitFor(() => sent.replies()[0], 'the refusal');
    expect(reply.text).toBe(`INC-${incident.number} is already investigating. Nothing changed.`);
    expect(await db().statusChange.count({ where: { incidentId: incident.id } })).toBe(1);
  });

  it('cancels, refuses a reopen by someone without the role, reopens by the commander, and resolves again at the new time', async () => {
    const { incident, channelId } = await declare(t, 'Maybe nothing --sev SEV4');
    await run(channelId, 'status resolved');
    const firstResolve = (
      await db().milestone.findFirstOrThrow({
        where: { incidentId: incident.id, kind: 'resolved', supersededAt: null },
      })
    ).occurredAt;
    const denied = await run(channelId, 'reopen it came back', 'U0BOB0001');
    expect(String((await waitFor(() => denied.replies()[0], 'refusal')).text)).toContain(
      'Only the commander may reopen',
    );
    await run(channelId, 'reopen it came back');
    await run(channelId, 'status resolved');
    const resolved = await db().milestone.findMany({
      where: { incidentId: incident.id, kind: 'resolved' },
      orderBy: { id: 'asc' },
    });
    expect(resolved).toHaveLength(2);
    expect(resolved[0]!.supersededAt).not.toBeNull();
    expect(resolved[1]!.occurredAt.getTime()).toBeGreaterThan(firstResolve.getTime());
    await run(channelId, 'reopen');
    await run(channelId, 'cancel false alarm after all');
    const cancelled = await db().incident.findUniqueOrThrow({ where: { id: incident.id } });
    expect(cancelled.status).toBe('cancelled');
    const statusAfterCancel = await run(channelId, 'status identified');
    expect(String((await waitFor(() => statusAfterCancel.replies()[0], 'refusal')).text)).toContain('was cancelled');
  });

  it('posts updates in the room and the announcements channel, edits, and changes services', async () => {
    const { incident, channelId } = await declare(t, 'Login failures --sev SEV2 --services api');
    await run(channelId, 'update Rolled back the auth deploy; error rate falling');
    const update = 'Rolled back the auth deploy; error rate falling';
    expect(t.slack.channels.get(channelId)!.messages.some((m) => m.text.includes(update))).toBe(true);
    expect(t.slack.channelByName('incidents')!.messages.some((m) => m.text.includes(update))).toBe(true);
    await run(channelId, 'edit title Login failures for SSO users');
    await run(channelId, 'edit summary Okta callbacks time out');
    await run(channelId, 'services add web');
    const updated = await db().incident.findUniqueOrThrow({ where: { id: incident.id } });
    expect(updated).toMatchObject({
      title: 'Login failures for SSO users',
      summary: 'Okta callbacks time out',
      services: ['api', 'web'],
    });
    const channel = t.slack.channels.get(channelId)!;
    expect(channel.purpose).toContain('Login failures for SSO users');
    expect(channel.members.has('U0CAROL01')).toBe(true);
    expect(JSON.stringify(header(channelId).blocks)).toContain('Login failures for SSO users');
    await run(channelId, 'services remove api');
    expect((await db().incident.findUniqueOrThrow({ where: { id: incident.id } })).services).toEqual(['web']);
    const kinds = (
      await db().timelineEntry.findMany({ where: { incidentId: incident.id }, orderBy: { seq: 'asc' } })
    ).map((e) => e.kind);
    expect(kinds).toEqual(['declared', 'update', 'edited', 'edited', 'services', 'services']);
  });

  it('assigns roles by command and by the header buttons, keeping history', async () => {
    const { incident, channelId } = await declare(t, 'Queue stuck --sev SEV2');
    await run(channelId, 'role comms <@U0BOB0001|bob>');
    await t.driver.interaction({
      type: 'block_actions',
      user: { id: 'U0CAROL01', team_id: t.driver.teamId },
      channel: { id: channelId },
      container: { type: 'message', channel_id: channelId, message_ts: header(channelId).ts },
      trigger_id: 'trig',
      response_url: t.slack.responseUrl('actions'),
      actions: [
        { type: 'button', action_id: 'claim_role_scribe', block_id: 'claim_roles', value: 'scribe', action_ts: '1' },
      ],
    });
    // Actions are acknowledged before they are recorded: wait for the claim itself.
    await waitFor(
      () => db().roleAssignment.findFirst({ where: { incidentId: incident.id, role: 'scribe' } }),
      'the claimed role',
    );
    await settle(t);
    await run(channelId, 'role commander <@U0CAROL01>');
    const roles = await db().roleAssignment.findMany({
      where: { incidentId: incident.id },
      orderBy: { assignedAt: 'asc' },
    });
    const current = Object.fromEntries(roles.filter((r) => !r.endedAt).map((r) => [r.role, r.userId]));
    expect(current).toEqual({ commander: 'U0CAROL01', comms: 'U0BOB0001', scribe: 'U0CAROL01' });
    expect(roles.filter((r) => r.endedAt).map((r) => [r.role, r.userId])).toEqual([['commander', 'U0ALICE01']]);
    const blocks = JSON.stringify(header(channelId).blocks);
    expect(blocks).toContain('<@U0BOB0001>');
    expect(blocks).not.toContain('claim_role_');
    expect(t.slack.channels.get(channelId)!.members.has('U0BOB0001')).toBe(true);
  });

  it('says so when a command needs an incident and is run elsewhere', async () => {
    const sent = await run('C0GENERAL', 'status resolved');
    const reply = await waitFor(() => sent.replies()[0], 'the answer');
    expect(String(reply.text)).toContain("isn't an incident channel");
  });

  it('lists open incidents, hiding private ones from non-members and drills from everyone', async () => {
    await declare(t, 'Secret thing --private');
    await declare(t, 'Practice run --drill');
    const carol = await t.driver.command('list', { user: 'U0CAROL01' });
    const alice = await t.driver.command('list', { user: 'U0ALICE01' });
    expect(String(carol.ack.json?.text)).not.toContain('Secret thing');
    expect(String(alice.ack.json?.text)).toContain('Secret thing');
    expect(String(alice.ack.json?.text)).not.toContain('Practice run');
    expect(String(alice.ack.json?.text)).not.toContain('Maybe nothing');
  });

  it('catches up someone who joins, once per event even when Slack delivers it twice', async () => {
    const { channelId, channel } = await declare(t, 'DNS flaps --sev SEV1');
    channel.members.add('U0BOB0001');
    const event = {
      type: 'member_joined_channel',
      user: 'U0BOB0001',
      channel: channelId,
      channel_type: 'C',
      team: t.driver.teamId,
    };
    await t.driver.event(event, { eventId: 'Ev0JOIN0001' });
    await t.driver.event(event, { eventId: 'Ev0JOIN0001', retryNum: 1 });
    const catchUpsFor = () => t.slack.ephemerals.filter((e) => e.user === 'U0BOB0001' && e.channel === channelId);
    // Events are acknowledged before their listener runs: wait for the effect, then give the
    // duplicate the same time to (wrongly) produce a second one.
    await waitFor(() => catchUpsFor().length > 0, 'the catch-up');
    await new Promise((r) => setTimeout(r, 300));
    await settle(t);
    const catchUps = catchUpsFor();
    expect(await t.bot.ctx.db.processedEvent.count({ where: { eventId: 'Ev0JOIN0001' } })).toBe(1);
    expect(catchUps).toHaveLength(1);
    expect(catchUps[0]!.text).toContain('DNS flaps');
    expect(catchUps[0]!.text).toContain('commander: <@U0ALICE01>');
  });
});
