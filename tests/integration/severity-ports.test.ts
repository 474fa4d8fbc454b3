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

  it('an upgrade into a paging, freezing level records one page per service and a freeze, once', async () => {
    const { incident, channelId, channel } = await declare(t, 'Upgrade pages --sev SEV2 --services api,web');
    expect(await db().page.count({ where: { incidentId: incident.id } })).toBe(0);
    await t.driver.command('sev SEV1', { channel: channelId });
    await settle(t);
    const pages = await db().page.findMany({ where: { incidentId: incident.id }, orderBy: { target: 'asc' } });
    expect(pages.map((p) => [p.target, p.status, p.incidentKey])).toEqual([
      ['api', 'pending', `incident-bot/${incident.id}/api`],
      ['web', 'pending', `incident-bot/${incident.id}/web`],
    ]);
    expect(await db().freeze.count({ where: { incidentId: incident.id } })).toBe(0);
    await t.driver.command('sev SEV0', { channel: channelId });
    await settle(t);
    expect(await db().page.count({ where: { incidentId: incident.id } })).toBe(2);
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
    expect(await db().page.count({ where: { incidentId: incident.id } })).toBe(2);
    const kinds = (await db().timelineEntry.findMany({ where: { incidentId: incident.id }, orderBy: { seq: 'asc' } })).map((e) => e.kind);
    expect(kinds.filter((k) => k === 'page' || k === 'freeze')).toEqual(['page', 'freeze']);
  });

  it('declaring at such a level does the same; a drill pages and freezes nothing', async () => {
    const { incident } = await declare(t, 'Straight to SEV0 --sev SEV0');
    expect(await db().page.findMany({ where: { incidentId: incident.id } })).toEqual([expect.objectContaining({ target: 'incident', service: null })]);
    expect(await db().freeze.findFirstOrThrow({ where: { incidentId: incident.id } })).toMatchObject({ services: [] });
    const drill = await declare(t, 'Game day --sev SEV0 --drill');
    expect(await db().page.count({ where: { incidentId: drill.incident.id } })).toBe(0);
    expect(await db().freeze.count({ where: { incidentId: drill.incident.id } })).toBe(0);
  });
});
