import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backend } from '../support/backend.ts';
import { declare, settle, startTestBot, type TestBot } from '../support/test-bot.ts';

describe(`levels that page and freeze (${backend})`, () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await startTestBot({
      file: {
        services: [{ id: 'api' }, { id: 'web' }],
        severities: [
          { id: 'SEV0', description: 'Critical', page: true, freeze: true },
          { id: 'SEV1', description: 'Major', page: true },
          { id: 'SEV2', description: 'Minor' },
        ],
      },
    });
  });
  afterAll(() => t?.stop());

  const db = () => t.bot.ctx.db;

  // Paging itself is tested with PagerDuty configured (pagerduty.test.ts); without it, the record
  // says nobody was paged.
  it('an upgrade into a paging, freezing level says paging is not configured and freezes, once', async () => {
    const { incident, channelId, channel } = await declare(t, 'Upgrade pages --sev SEV2 --services api,web');
    await t.driver.command('sev SEV1', { channel: channelId });
    await settle(t);
    expect(await db().page.count({ where: { incidentId: incident.id } })).toBe(0);
    const notes = await db().timelineEntry.findMany({ where: { incidentId: incident.id, kind: 'page' } });
    expect(notes.map((n) => n.text)).toEqual(['SEV1 pages on-call, but PagerDuty is not configured: nobody was paged']);
    expect(await db().freeze.count({ where: { incidentId: incident.id } })).toBe(0);
    await t.driver.command('sev SEV0', { channel: channelId });
    await settle(t);
    const freeze = await db().freeze.findFirstOrThrow({ where: { incidentId: incident.id } });
    expect(freeze).toMatchObject({ services: ['api', 'web'], liftedAt: null, createdBy: 'U0ALICE01' });
    const header = channel.messages.find((m) => channel.pins.has(m.ts))!;
    expect(JSON.stringify(header.blocks)).toContain('frozen: api, web');
    // Down and up again: no second freeze, no second page.
    await t.driver.command('sev SEV2', { channel: channelId });
    await settle(t);
    await t.driver.command('sev SEV0', { channel: channelId });
    await settle(t);
    expect(await db().freeze.count({ where: { incidentId: incident.id } })).toBe(1);
    expect(await db().page.count({ where: { incidentId: incident.id } })).toBe(0);
    const kinds = (
      await db().timelineEntry.findMany({ where: { incidentId: incident.id }, orderBy: { seq: 'asc' } })
    ).map((e) => e.kind);
    expect(kinds.filter((k) => k === 'freeze')).toEqual(['freeze']);
  });

  it('declaring at such a level does the same; a drill pages and freezes nothing', async () => {
    const { incident } = await declare(t, 'Straight to SEV0 --sev SEV0');
    expect(await db().page.count({ where: { incidentId: incident.id } })).toBe(0);
    expect(await db().freeze.findFirstOrThrow({ where: { incidentId: incident.id } })).toMatchObject({ services: [] });
    const drill = await declare(t, 'Game day --sev SEV0 --drill');
    expect(await db().page.count({ where: { incidentId: drill.incident.id } })).toBe(0);
    expect(await db().freeze.count({ where: { incidentId: drill.incident.id } })).toBe(0);
  });
});
