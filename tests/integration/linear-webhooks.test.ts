// Linear webhooks (SPEC.md "Follow-ups"): signed with LINEAR_WEBHOOK_SECRET and timed with the real
// clock (the SDK's client checks webhookTimestamp within 60 s); an action item follows its issue's
// state, assignee and due date; a late retry never undoes newer state; the room is told once when
// the last item is done.
import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backend } from '../support/backend.ts';
import { declare, runIn, settle, startTestBot, type TestBot } from '../support/test-bot.ts';

const SECRET = 'linear-webhook-secret';

describe(`Linear webhooks (${backend})`, () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await startTestBot({ env: { LINEAR_WEBHOOK_SECRET: SECRET } });
  });
  afterAll(() => t?.stop());

  let delivery = 0;
  const send = (
    data: Record<string, unknown>,
    options: { action?: string; secret?: string; timestamp?: number; id?: string } = {},
  ) => {
    const body = JSON.stringify({
      action: options.action ?? 'update',
      type: 'Issue',
      data,
      webhookTimestamp: options.timestamp ?? Date.now(),
    });
    const signature = createHmac('sha256', options.secret ?? SECRET)
      .update(body)
      .digest('hex');
    return fetch(`${t.bot.url}/webhooks/linear`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'linear-signature': signature,
        'linear-delivery': options.id ?? `delivery-${++delivery}`,
        'linear-event': 'Issue',
      },
      body,
    });
  };
  const issue = (id: string, updatedAt: string, state: { name: string; type: string }, extra = {}) => ({
    id,
    identifier: 'ENG-1',
    updatedAt,
    state,
    ...extra,
  });
  const item = (seq: number, incidentId: string) =>
    t.bot.ctx.db.actionItem.findFirstOrThrow({ where: { incidentId, seq } });

  it('follows the issue, drops stale and repeated deliveries, and tells the room once when all are done', async () => {
    const { incident, channelId } = await declare(t, 'Queue backlog --sev SEV3 --services api');
    await runIn(t, channelId, 'action Add a canary stage');
    await runIn(t, channelId, 'action Alert on queue depth');
    // As if filed to Linear (the filing itself is tests/integration/postmortem-linear.test.ts's).
    await t.bot.ctx.db.actionItem.updateMany({
      where: { incidentId: incident.id, seq: 1 },
      data: { linearIssueId: 'lin-1', filing: 'filed' },
    });
    await t.bot.ctx.db.actionItem.updateMany({
      where: { incidentId: incident.id, seq: 2 },
      data: { linearIssueId: 'lin-2', filing: 'filed' },
    });
    // Bob's profile is known to the bot once he has run a command that needed it.
    await runIn(t, channelId, 'note --at -1m saw the backlog grow', 'U0BOB0001');

    expect(
      (await send(issue('lin-1', '2026-12-03T10:00:00.000Z', { name: 'Done', type: 'completed' }), { secret: 'wrong' }))
        .status,
    ).toBe(401);
    expect(
      (
        await send(issue('lin-1', '2026-12-03T10:00:00.000Z', { name: 'Done', type: 'completed' }), {
          timestamp: Date.now() - 5 * 60_000,
        })
      ).status,
    ).toBe(401);
    expect((await item(1, incident.id)).state).toBe('open');

    const started = issue(
      'lin-1',
      '2026-12-03T10:00:00.000Z',
      { name: 'In Progress', type: 'started' },
      {
        assignee: { id: 'u1', name: 'Bob', email: 'BOB@example.com' },
        dueDate: '2026-12-20',
      },
    );
    expect((await send(started, { id: 'same' })).status).toBe(200);
    let first = await item(1, incident.id);
    expect(first).toMatchObject({ state: 'open', linearState: 'In Progress', ownerId: 'U0BOB0001' });
    expect(first.dueDate?.toISOString().slice(0, 10)).toBe('2026-12-20');
    expect(await (await send(started, { id: 'same' })).json()).toEqual({ duplicate: true });

    await send(issue('lin-1', '2026-12-03T10:05:00.000Z', { name: 'Done', type: 'completed' }));
    // Linear's retry of an older delivery arrives late: it changes nothing.
    expect(
      await (await send(issue('lin-1', '2026-12-03T10:01:00.000Z', { name: 'In Progress', type: 'started' }))).json(),
    ).toEqual({
      outcome: 'stale',
    });
    first = await item(1, incident.id);
    expect(first).toMatchObject({ state: 'done', linearState: 'Done' });

    await send(issue('lin-2', '2026-12-03T10:06:00.000Z', { name: 'Canceled', type: 'canceled' }));
    expect(await item(2, incident.id)).toMatchObject({ state: 'done', linearState: 'Cancelled' });
    await send(issue('lin-2', '2026-12-03T10:07:00.000Z', { name: 'Canceled', type: 'canceled' }));
    await settle(t);
    const told = t.slack.channels.get(channelId)!.messages.filter((m) => (m.text ?? '').includes('Every action item'));
    expect(told).toHaveLength(1);

    // Deleted in Linear: shown so, and open again in the bot.
    await send(issue('lin-1', '2026-12-03T10:08:00.000Z', { name: 'Done', type: 'completed' }), { action: 'remove' });
    expect(await item(1, incident.id)).toMatchObject({ state: 'open', linearState: 'Deleted in Linear' });
    expect(await (await send({ id: 'comment-1', body: 'hi' })).json()).toEqual({ outcome: 'ignored' });
  });
});
