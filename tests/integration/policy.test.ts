import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backend } from '../support/backend.ts';
import { declare, settle, startTestBot, waitFor, type TestBot } from '../support/test-bot.ts';

describe(`authorization policy (${backend})`, () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await startTestBot({
      file: { services: [], policy: { declare: ['alice@example.com', 'U0CAROL01'], assign_roles: ['commander'] } },
    });
  });
  afterAll(() => t?.stop());

  it('lets the people named by email or id declare, and politely refuses others, writing nothing', async () => {
    const refused = await t.driver.command('declare Not allowed', { user: 'U0BOB0001' });
    const reply = await waitFor(() => refused.replies()[0], 'the refusal');
    expect(reply.text).toBe('Only alice@example.com or <@U0CAROL01> may declare incidents.');
    expect(await t.bot.ctx.db.incident.count()).toBe(0);
    const { incident } = await declare(t, 'Allowed by email', 'U0ALICE01');
    expect(incident.declaredBy).toBe('U0ALICE01');
    expect(t.slack.callsTo('users.info').map((c) => c.args.user)).toEqual(['U0BOB0001', 'U0ALICE01']);
  });

  it('lets only the commander hand out roles, but anyone claim a free one', async () => {
    const { channelId } = await declare(t, 'Roles by policy', 'U0ALICE01');
    const refused = await t.driver.command('role comms <@U0CAROL01>', { channel: channelId, user: 'U0BOB0001' });
    expect(String((await waitFor(() => refused.replies()[0], 'the refusal')).text)).toContain(
      'Only the commander may change roles',
    );
    await t.driver.command('role scribe <@U0BOB0001>', { channel: channelId, user: 'U0BOB0001' });
    await t.driver.command('role comms <@U0CAROL01>', { channel: channelId, user: 'U0ALICE01' });
    await settle(t);
    const incident = await t.bot.ctx.db.incident.findFirstOrThrow({
      where: { channelId },
      include: { roles: { where: { endedAt: null } } },
    });
    expect(Object.fromEntries(incident.roles.map((r) => [r.role, r.userId]))).toEqual({
      commander: 'U0ALICE01',
      scribe: 'U0BOB0001',
      comms: 'U0CAROL01',
    });
  });
});
