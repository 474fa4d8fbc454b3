import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backend } from '../support/backend.ts';
import { declare, settle, startTestBot, waitFor, type TestBot } from '../support/test-bot.ts';

describe(`messages onto the timeline by reaction and shortcut (${backend})`, () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await startTestBot();
  });
  afterAll(() => t?.stop());

  const db = () => t.bot.ctx.db;
  const reaction = (
    type: 'reaction_added' | 'reaction_removed',
    channel: string,
    ts: string,
    name = 'pushpin',
    user = 'U0CAROL01',
  ) => ({
    type,
    user,
    reaction: name,
    item: { type: 'message', channel, ts },
    item_user: 'U0BOB0001',
    event_ts: `${Date.now() / 1000}`,
  });
  const entriesFor = (incidentId: string) => db().timelineEntry.findMany({ where: { incidentId, kind: 'message' } });

  it('adds a pinned message with its own time, author and permalink; removing the reaction removes it; repeats do not duplicate', async () => {
    const { incident, channelId } = await declare(t, 'Pinned messages --sev SEV2');
    const posted = Math.floor(Date.now() / 1000) - 3_600;
    const message = t.slack.postAs(channelId, 'U0BOB0001', 'p99 latency jumped to 4s on checkout', `${posted}.000200`);
    await t.driver.event(reaction('reaction_added', channelId, message.ts));
    const entry = await waitFor(async () => (await entriesFor(incident.id))[0], 'the captured message');
    expect(entry).toMatchObject({
      text: 'p99 latency jumped to 4s on checkout',
      actorId: 'U0BOB0001',
      source: 'reaction',
      messageTs: message.ts,
    });
    expect(entry.occurredAt.getTime()).toBe(posted * 1000);
    expect(entry.permalink).toBe(`https://fake.slack.com/archives/${channelId}/p${message.ts.replace('.', '')}`);

    // Someone else pins it too, and Slack redelivers the first event: still one entry.
    await t.driver.event(reaction('reaction_added', channelId, message.ts, 'pushpin', 'U0ALICE01'));
    await t.driver.event(reaction('reaction_added', channelId, message.ts, 'pushpin::skin-tone-2'));
    await new Promise((r) => setTimeout(r, 300));
    await settle(t);
    expect(await entriesFor(incident.id)).toHaveLength(1);

    await t.driver.event(reaction('reaction_removed', channelId, message.ts));
    await waitFor(async () => (await entriesFor(incident.id))[0]!.removedAt, 'the removal');
    await t.driver.event(reaction('reaction_added', channelId, message.ts));
    await waitFor(async () => (await entriesFor(incident.id))[0]!.removedAt === null, 'the re-add');
    expect(await entriesFor(incident.id)).toHaveLength(1);
  });

  it('ignores other reactions and other channels', async () => {
    const { incident, channelId } = await declare(t, 'Other reactions --sev SEV3');
    const message = t.slack.postAs(channelId, 'U0BOB0001', 'not pinned');
    const elsewhere = t.slack.postAs('C0GENERAL', 'U0BOB0001', 'pinned in general');
    await t.driver.event(reaction('reaction_added', channelId, message.ts, 'eyes'));
    await t.driver.event(reaction('reaction_added', 'C0GENERAL', elsewhere.ts));
    await new Promise((r) => setTimeout(r, 300));
    await settle(t);
    expect(await entriesFor(incident.id)).toHaveLength(0);
  });

  it('adds a message through the "Add to incident timeline" shortcut, with an optional note', async () => {
    const { incident, channelId } = await declare(t, 'Shortcut --sev SEV2');
    const message = t.slack.postAs(channelId, 'U0CAROL01', 'rollback started');
    const response = await t.driver.interaction({
      type: 'message_action',
      callback_id: 'add_to_timeline',
      trigger_id: 'trig',
      action_ts: `${Date.now() / 1000}`,
      user: { id: 'U0ALICE01', team_id: t.driver.teamId },
      channel: { id: channelId, name: 'x' },
      message: { type: 'message', ts: message.ts, text: message.text, user: message.user },
      response_url: t.slack.responseUrl('shortcut'),
    });
    expect(response.status).toBe(200);
    const modal = await waitFor(
      () => t.slack.views.find((v) => v.view.callback_id === 'add_to_timeline_note'),
      'the note form',
    );
    expect(await entriesFor(incident.id)).toHaveLength(0);
    const submitted = await t.driver.viewSubmission({
      callback_id: 'add_to_timeline_note',
      private_metadata: modal.view.private_metadata,
      state: { values: { note: { value: { type: 'plain_text_input', value: 'this is when the fix began' } } } },
    });
    expect(submitted.status).toBe(200);
    const entry = await waitFor(async () => (await entriesFor(incident.id))[0], 'the captured message');
    expect(entry).toMatchObject({
      text: 'rollback started\n(this is when the fix began)',
      actorId: 'U0CAROL01',
      source: 'shortcut',
    });
  });

  it('says so when the shortcut is used outside an incident channel', async () => {
    const message = t.slack.postAs('C0GENERAL', 'U0CAROL01', 'not an incident');
    await t.driver.interaction({
      type: 'message_action',
      callback_id: 'add_to_timeline',
      trigger_id: 'trig2',
      user: { id: 'U0ALICE01', team_id: t.driver.teamId },
      channel: { id: 'C0GENERAL', name: 'general' },
      message: { type: 'message', ts: message.ts, text: message.text, user: message.user },
      response_url: t.slack.responseUrl('shortcut-elsewhere'),
    });
    const reply = await waitFor(() => t.slack.responsesFor('shortcut-elsewhere')[0], 'the answer');
    expect(String(reply.text)).toContain('not in an incident channel');
  });
});
