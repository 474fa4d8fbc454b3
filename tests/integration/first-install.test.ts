// A first install has no service catalog: people still name services, and the bot takes them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backend } from '../support/backend.ts';
import { declare, runIn, settle, startTestBot, waitFor, type TestBot } from '../support/test-bot.ts';

describe(`a first install with no services configured (${backend})`, () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await startTestBot({
      file: { announcements_channel: 'incidents' },
      env: { DEPLOY_GATE_TOKENS: 'ci:gate-token' },
    });
  });
  afterAll(() => t?.stop());

  const gate = async (service: string) =>
    (
      await fetch(`${t.bot.url}/api/v1/deploy-gate?service=${service}&environment=production&version=abc1234`, {
        headers: { authorization: 'Bearer gate-token' },
      })
    ).status;

  it('declares with services, freezes one, records its impact, and the gate knows', async () => {
    const { incident, channelId } = await declare(t, 'First install --sev SEV3 --services checkout');
    expect(incident.services).toEqual(['checkout']);
    await runIn(t, channelId, 'services add api');
    const frozen = await runIn(t, channelId, 'freeze --services api hotfix only');
    expect(frozen).not.toContain('Unknown service');
    await runIn(t, channelId, 'impact api start -10m');
    await runIn(t, channelId, 'impact api end');
    await settle(t);
    expect(await gate('api')).toBe(423);
    expect(await gate('checkout')).toBe(200);
    const windows = await t.bot.ctx.db.impactWindow.findMany({
      where: { incidentId: incident.id, supersededAt: null },
    });
    expect(windows.map((w) => [w.service, w.endedAt !== null])).toEqual([['api', true]]);
    const refused = await runIn(t, channelId, 'freeze --services Not_A-Name!');
    expect(refused).toContain('a service name is lowercase letters');
  });

  it('remembers the names people used, for help and the declare form, but never one CI asked about', async () => {
    expect(await gate('typo-from-ci')).toBe(200);
    const help = await runIn(t, 'C0GENERAL', 'help');
    expect(help).toContain('none are configured, so any lowercase name works');
    expect(help).toContain('In use so far: api, checkout.');
    expect(help).not.toContain('typo-from-ci');
    await t.driver.command('declare');
    const form = await waitFor(() => t.slack.views.at(-1), 'the declare form');
    const offered = JSON.stringify(form.view);
    expect(offered).toContain('"value":"api"');
    expect(offered).toContain('"value":"checkout"');
    expect(offered).not.toContain('typo-from-ci');
  });

  it('has no public status page until one is configured', async () => {
    for (const path of ['/status', '/status/history.atom', '/api/v2/summary.json', '/api/v2/status.json']) {
      expect((await fetch(`${t.bot.url}${path}`)).status, path).toBe(404);
    }
    const { channelId } = await declare(t, 'Nobody outside knows --services api');
    const answer = await runIn(t, channelId, 'statuspage --title "Errors" We are investigating');
    expect(answer).toContain('There is no status page');
  });
});
