import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backend } from '../support/backend.ts';
import { startTestBot, waitFor, type TestBot } from '../support/test-bot.ts';

describe(`Socket Mode, when SLACK_APP_TOKEN is set (${backend})`, () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await startTestBot({ env: { SLACK_APP_TOKEN: 'xapp-1-test', SLACK_SIGNING_SECRET: '' } });
  });
  afterAll(() => t?.stop());

  const command = (text: string, channel?: string) => t.slack.commandPayload(text, channel);

  it('connects over the socket and declares from a slash command envelope', async () => {
    expect(t.bot.ctx.config.slackMode).toBe('socket');
    await waitFor(() => t.slack.socketConnected, 'the Socket Mode connection');
    const ack = await t.slack.sendEnvelope('slash_commands', command('declare Socket outage --sev SEV3'));
    expect(String(ack.text)).toContain('Socket outage');
    const incident = await waitFor(
      () => t.bot.ctx.db.incident.findFirst({ where: { title: 'Socket outage', channelId: { not: null } } }),
      'the room',
    );
    expect(incident.severity).toBe('SEV3');
  });

  it('answers malformed commands with usage and does not serve /slack/events over HTTP', async () => {
    const ack = await t.slack.sendEnvelope('slash_commands', command('declare X --sev nope'));
    expect(String(ack.text)).toContain('*Usage*');
    const http = await fetch(`${t.bot.url}/slack/events`, { method: 'POST', body: '{}' });
    expect(http.status).toBe(404);
  });

  it("answers the declare form's service search over the socket", async () => {
    const ack = await t.slack.sendEnvelope('interactive', {
      type: 'block_suggestion',
      team: { id: t.driver.teamId, domain: 'fake' },
      user: { id: 'U0ALICE01', team_id: t.driver.teamId },
      api_app_id: 'A0FAKEAPP',
      view: { id: 'V0VIEW', type: 'modal', callback_id: 'declare_incident' },
      block_id: 'services',
      action_id: 'value',
      value: 'dat',
    });
    expect(ack.options).toEqual([{ value: 'db', text: { type: 'plain_text', text: 'Database' } }]);
  });
});
