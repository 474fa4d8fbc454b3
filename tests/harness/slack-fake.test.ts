import { webApi } from '@slack/bolt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
    expect(
      await errorOf(
        client.chat.postMessage({
          channel,
          text: 'x',
          blocks: Array.from({ length: 50 }, () => section('a'.repeat(3000))),
        }),
      ),
    ).toBe('no error');
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
