import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backend } from '../support/backend.ts';
import { settle, startTestBot, waitFor, type TestBot } from '../support/test-bot.ts';

describe(`declare through the real Bolt receiver (${backend})`, () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await startTestBot();
  });
  afterAll(() => t?.stop());

  it('declares at once: channel, header pinned, invitations, announcement, reply', async () => {
    const { ack, replies } = await t.driver.command('declare Checkout API 500s --sev SEV2 --services api');
    expect(ack.status).toBe(200);
    expect(ack.json).toMatchObject({ response_type: 'ephemeral' });
    expect(String(ack.json?.text)).toContain('Checkout API 500s');

    const reply = await waitFor(() => replies().find((r) => String(r.text).includes('is open')), 'the declare reply');
    const incident = await t.bot.ctx.db.incident.findFirstOrThrow({ where: { title: 'Checkout API 500s' } });
    expect(incident).toMatchObject({
      severity: 'SEV2',
      status: 'investigating',
      services: ['api'],
      declaredBy: 'U0ALICE01',
      isPrivate: false,
    });
    expect(reply.text).toContain(`INC-${incident.number}`);

    const today = new Date().toISOString().slice(0, 10).replaceAll('-', '');
    const channel = await waitFor(
      () => t.slack.channelByName(`inc-${today}-checkout-api-500s`),
      'the incident channel',
    );
    expect(incident.channelId).toBe(channel.id);
    await waitFor(
      () => channel.pins.size === 1 && channel.members.has('U0BOB0001'),
      'header pinned and responders invited',
    );
    expect(channel.members).toContain('U0ALICE01');
    expect(channel.purpose).toContain('Checkout API 500s');
    expect(channel.topic).toContain('SEV2');
    await waitFor(() => channel.bookmarks.length === 2, 'the bookmarks');
    expect(channel.bookmarks.map((b) => b.title)).toEqual(['Runbook', 'Status page']);
    const header = channel.messages.find((m) => channel.pins.has(m.ts))!;
    expect(JSON.stringify(header.blocks)).toContain('Checkout API 500s');
    expect(JSON.stringify(header.blocks)).toContain('<@U0ALICE01>');

    const announcements = t.slack.channelByName('incidents')!;
    await waitFor(() => announcements.messages.length === 1, 'the announcement');
    expect(announcements.messages[0]!.text).toContain(`<#${channel.id}>`);

    const timeline = await t.bot.ctx.db.timelineEntry.findMany({ where: { incidentId: incident.id } });
    expect(timeline).toHaveLength(1);
    expect(timeline[0]).toMatchObject({ kind: 'declared', actorId: 'U0ALICE01', seq: 1 });
    await settle(t);
  });

  it('takes the next free name when one is taken, and opens private incidents in private channels unannounced', async () => {
    const today = new Date().toISOString().slice(0, 10).replaceAll('-', '');
    t.slack.addChannel({ name: `inc-${today}-payments-down` });
    const announced = t.slack.channelByName('incidents')!.messages.length;
    const { replies } = await t.driver.command('declare Payments down --private');
    await waitFor(() => replies().some((r) => String(r.text).includes('is open')), 'the declare reply');
    const channel = t.slack.channelByName(`inc-${today}-payments-down-2`);
    expect(channel?.is_private).toBe(true);
    await settle(t);
    expect(t.slack.channelByName('incidents')!.messages.length).toBe(announced);
  });

  it('answers help and malformed commands with usage, writing nothing', async () => {
    const before = await t.bot.ctx.db.job.count();
    const help = await t.driver.command('help');
    expect(help.ack.json).toMatchObject({ response_type: 'ephemeral' });
    expect(String(help.ack.json?.text)).toContain('/incident declare');
    for (const text of [
      'frobnicate',
      'declare Outage --sev SEV9',
      'declare Outage --services nope',
      'declare Outage --sev',
      'list extra',
    ]) {
      const { ack } = await t.driver.command(text);
      expect(ack.status).toBe(200);
      expect(String(ack.json?.text)).toContain('Usage');
    }
    expect(await t.bot.ctx.db.job.count()).toBe(before);
    expect(await t.bot.ctx.db.incident.count({ where: { title: 'Outage' } })).toBe(0);
  });

  it('opens the declare form when no title is given, and declares from it', async () => {
    const { ack } = await t.driver.command('');
    expect(ack.status).toBe(200);
    const opened = await waitFor(() => t.slack.views.at(-1), 'the modal');
    expect(opened.view.callback_id).toBe('declare_incident');
    const response = await t.driver.viewSubmission({
      callback_id: 'declare_incident',
      private_metadata: opened.view.private_metadata,
      state: {
        values: {
          title: { value: { type: 'plain_text_input', value: 'Search is slow' } },
          severity: { value: { type: 'static_select', selected_option: { value: 'SEV3' } } },
          services: { value: { type: 'multi_static_select', selected_options: [{ value: 'web' }] } },
          summary: { value: { type: 'plain_text_input', value: 'p99 at 4 s' } },
          options: { value: { type: 'checkboxes', selected_options: [{ value: 'drill' }] } },
        },
      },
    });
    expect(response.status).toBe(200);
    const incident = await waitFor(
      () => t.bot.ctx.db.incident.findFirst({ where: { title: 'Search is slow', channelId: { not: null } } }),
      'the incident',
    );
    expect(incident).toMatchObject({ severity: 'SEV3', services: ['web'], summary: 'p99 at 4 s', isDrill: true });
    // Its side effects enqueue more (the channel, then the header): the next test counts jobs.
    await settle(t);
  });

  it('refuses an empty title in the form without recording anything', async () => {
    const before = await t.bot.ctx.db.job.count();
    const response = await t.driver.viewSubmission({
      callback_id: 'declare_incident',
      private_metadata: JSON.stringify({ channelId: 'C0GENERAL' }),
      state: { values: { title: { value: { type: 'plain_text_input', value: '   ' } } } },
    });
    expect(response.json).toMatchObject({ response_action: 'errors' });
    expect(await t.bot.ctx.db.job.count()).toBe(before);
  });
});
