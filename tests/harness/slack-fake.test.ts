import { webApi } from '@slack/bolt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { badReplies } from '../fakes/slack-limits.ts';
import { FakeSlack } from '../fakes/slack.ts';

describe('fake Slack, through the real @slack/web-api client', () => {
  let slack: FakeSlack;
  let client: webApi.WebClient;
  beforeAll(async () => {
    slack = await new FakeSlack().start();
    slack.addUser({ id: 'U0ALICE01', name: 'alice', email: 'alice@example.com', tz: 'Europe/Berlin' });
    client = new webApi.WebClient(slack.botToken, {
      slackApiUrl: slack.apiUrl,
      retryConfig: { retries: 0 },
      rejectRateLimitedCalls: true,
    });
  });
  afterAll(() => slack.stop());

  const errorOf = (p: Promise<unknown>) =>
    p.then(
      () => 'no error',
      (e) => e.data?.error ?? e.code,
    );

  it('enforces channel name rules and name_taken', async () => {
    const created = await client.conversations.create({ name: 'inc-20260101-db' });
    expect(created.channel?.name).toBe('inc-20260101-db');
    expect(await errorOf(client.conversations.create({ name: 'inc-20260101-db' }))).toBe('name_taken');
    expect(await errorOf(client.conversations.create({ name: 'Has Spaces' }))).toBe('invalid_name_specials');
    expect(await errorOf(client.conversations.create({ name: 'x'.repeat(81) }))).toBe('invalid_name_maxlength');
  });

  it('rejects unknown methods, missing arguments and Block Kit over the limits', async () => {
    expect(await errorOf(client.apiCall('chat.frobnicate', {}))).toBe('unknown_method');
    expect(await errorOf(client.apiCall('conversations.setTopic', { channel: 'C1' }))).toBe('invalid_arguments');
    const channel = slack.addChannel({ name: 'blocks' }).id;
    const section = (text: string) => ({ type: 'section', text: { type: 'mrkdwn', text } });
    expect(
      await errorOf(
        client.chat.postMessage({ channel, text: 'x', blocks: Array.from({ length: 51 }, () => section('a')) }),
      ),
    ).toBe('invalid_blocks');
    expect(await errorOf(client.chat.postMessage({ channel, text: 'x', blocks: [section('a'.repeat(3001))] }))).toBe(
      'invalid_blocks',
    );
    const sections = (n: number, size: number) => Array.from({ length: n }, () => section('a'.repeat(size)));
    expect(await errorOf(client.chat.postMessage({ channel, text: 'x', blocks: sections(4, 3000) }))).toBe('no error');
    expect(await errorOf(client.chat.postMessage({ channel, text: 'x', blocks: sections(50, 240) }))).toBe('no error');
    // Slack's undocumented bound on the text across one message's blocks.
    expect(await errorOf(client.chat.postMessage({ channel, text: 'x', blocks: sections(5, 3000) }))).toBe(
      'msg_blocks_too_long',
    );
  });

  it('refuses what real Slack refuses: long messages, elements, options, modals and topics (SPEC.md "Slack\'s limits")', async () => {
    const channel = slack.addChannel({ name: 'limits' }).id;
    slack.channels.get(channel)!.members.add('U0ALICE01');
    const post = (blocks: unknown[], text = 'x') =>
      errorOf(client.chat.postMessage({ channel, text, blocks: blocks as never }));
    expect(await errorOf(client.chat.postMessage({ channel, text: 'a'.repeat(40_000) }))).toBe('no error');
    expect(await errorOf(client.chat.postMessage({ channel, text: 'a'.repeat(40_001) }))).toBe('msg_too_long');
    const { ts } = await client.chat.postMessage({ channel, text: 'short' });
    expect(await errorOf(client.chat.update({ channel, ts: ts!, text: 'a'.repeat(40_001) }))).toBe('msg_too_long');
    expect(await errorOf(client.chat.postEphemeral({ channel, user: 'U0ALICE01', text: 'a'.repeat(40_001) }))).toBe(
      'msg_too_long',
    );

    const button = (text: string, value = 'v') => ({
      type: 'actions',
      elements: [{ type: 'button', action_id: 'b', text: { type: 'plain_text', text }, value }],
    });
    expect(await post([button('a'.repeat(75))])).toBe('no error');
    expect(await post([button('a'.repeat(76))])).toBe('invalid_blocks');
    expect(await post([button('a', 'v'.repeat(2001))])).toBe('invalid_blocks');
    const option = (text: string, value = text) => ({ text: { type: 'plain_text', text }, value });
    const select = (options: unknown[]) => ({
      type: 'section',
      text: { type: 'mrkdwn', text: 'pick' },
      accessory: { type: 'static_select', action_id: 's', options },
    });
    const many = (n: number) => Array.from({ length: n }, (_, i) => option(`service-${i}`));
    expect(await post([select(many(100))])).toBe('no error');
    expect(await post([select(many(101))])).toBe('invalid_blocks');
    expect(await post([select([option('a'.repeat(76), 'a')])])).toBe('invalid_blocks');
    expect(await post([select([option('a', 'v'.repeat(151))])])).toBe('invalid_blocks');
    const fields = (n: number, size: number) => ({
      type: 'section',
      fields: Array.from({ length: n }, () => ({ type: 'mrkdwn', text: 'f'.repeat(size) })),
    });
    expect(await post([fields(10, 1000)])).toBe('no error');
    expect(await post([fields(1, 2000)])).toBe('no error');
    expect(await post([fields(11, 10)])).toBe('invalid_blocks');
    expect(await post([fields(1, 2001)])).toBe('invalid_blocks');
    expect(await post([{ type: 'header', text: { type: 'plain_text', text: 'h'.repeat(151) } }])).toBe(
      'invalid_blocks',
    );

    const modal = (view: Record<string, unknown>) =>
      errorOf(
        client.views.open({
          trigger_id: 't',
          view: { type: 'modal', title: { type: 'plain_text', text: 'Declare' }, blocks: [], ...view } as never,
        }),
      );
    expect(await modal({})).toBe('no error');
    expect(await modal({ title: { type: 'plain_text', text: 't'.repeat(25) } })).toBe('invalid_arguments');
    expect(await modal({ submit: { type: 'plain_text', text: 's'.repeat(25) } })).toBe('invalid_arguments');
    expect(await modal({ private_metadata: 'm'.repeat(3001) })).toBe('invalid_arguments');
    expect(await modal({ blocks: Array.from({ length: 101 }, () => ({ type: 'divider' })) })).toBe('invalid_arguments');

    expect(await errorOf(client.conversations.setTopic({ channel, topic: 't'.repeat(251) }))).toBe('too_long');
    expect(await errorOf(client.conversations.setPurpose({ channel, purpose: 'p'.repeat(251) }))).toBe('too_long');
  });

  it('fails the test when an answer Slack cannot refuse would be cut: a response_url post over 40,000 characters', async () => {
    await fetch(slack.responseUrl('long'), { method: 'POST', body: JSON.stringify({ text: 'a'.repeat(40_001) }) });
    await fetch(slack.responseUrl('fine'), { method: 'POST', body: JSON.stringify({ text: 'a'.repeat(40_000) }) });
    // Taken out here so that this test passes; left in, the setup file's check fails it.
    expect(badReplies.splice(0)).toEqual(['response_url post: text of 40001 characters (Slack cuts at 40000)']);
  });

  it('keeps message metadata, edits, pins and users with time zones', async () => {
    const channel = slack.addChannel({ name: 'meta' }).id;
    const posted = await client.chat.postMessage({
      channel,
      text: 'hi',
      metadata: { event_type: 't', event_payload: { job_id: 'j1' } },
    });
    await client.chat.update({ channel, ts: posted.ts!, text: 'edited' });
    const history = await client.conversations.history({ channel, include_all_metadata: true });
    expect(history.messages?.[0]).toMatchObject({ text: 'edited', metadata: { event_payload: { job_id: 'j1' } } });
    await client.pins.add({ channel, timestamp: posted.ts! });
    expect(await errorOf(client.pins.add({ channel, timestamp: posted.ts! }))).toBe('already_pinned');
    const user = await client.users.info({ user: 'U0ALICE01' });
    expect(user.user?.tz).toBe('Europe/Berlin');
  });

  it('fails the next calls on demand and records every call', async () => {
    const channel = slack.addChannel({ name: 'faults' }).id;
    slack.faults.arm({ kind: 'ratelimit', retryAfter: 2 }, 1, 'chat.postMessage');
    const limited = await client.chat.postMessage({ channel, text: 'a' }).catch((e) => e);
    expect([limited.code, limited.retryAfter]).toEqual([webApi.ErrorCode.RateLimitedError, 2]);
    slack.faults.arm({ kind: 'server_error' }, 1);
    expect((await client.chat.postMessage({ channel, text: 'b' }).catch((e) => e)).code).toBe(
      webApi.ErrorCode.HTTPError,
    );
    slack.faults.arm({ kind: 'drop_response' }, 1, 'chat.postMessage');
    await expect(client.chat.postMessage({ channel, text: 'c' })).rejects.toThrow();
    expect(slack.channels.get(channel)!.messages.map((m) => m.text)).toEqual(['c']);
    expect(
      slack.calls
        .filter((c) => c.method === 'chat.postMessage')
        .map((c) => c.error ?? 'ok')
        .slice(-3),
    ).toEqual(['ratelimit', 'server_error', 'ok']);
  });
});
