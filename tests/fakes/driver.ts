// Sends what Slack sends: signed slash commands, interactivity payloads and Events API callbacks,
// posted to the real Bolt receiver over HTTP.
import { checkReply } from './slack-limits.ts';
import { createHmac, randomUUID } from 'node:crypto';
import { FAKE_TEAM_ID, type FakeSlack } from './slack.ts';

export type DriverReply = { status: number; body: string; json: Record<string, unknown> | null };

export function slackSignature(secret: string, timestamp: number, body: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

export class SlackDriver {
  constructor(
    private readonly eventsUrl: string,
    private readonly signingSecret: string,
    private readonly slack: FakeSlack,
    readonly teamId = FAKE_TEAM_ID,
  ) {}

  async post(
    body: string,
    contentType: string,
    options: { timestamp?: number; secret?: string; headers?: Record<string, string> } = {},
  ): Promise<DriverReply> {
    const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
    const response = await fetch(this.eventsUrl, {
      method: 'POST',
      headers: {
        'content-type': contentType,
        'x-slack-request-timestamp': String(timestamp),
        'x-slack-signature': slackSignature(options.secret ?? this.signingSecret, timestamp, body),
        ...options.headers,
      },
      body,
    });
    const text = await response.text();
    let json: Record<string, unknown> | null = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      json = null;
    }
    // What Slack would show of the answer: it cuts or drops what is over its limits.
    if (json) checkReply('acknowledgement', json);
    return { status: response.status, body: text, json };
  }

  // Returns the acknowledgement and the id whose response_url replies `replies()` collects.
  async command(
    text: string,
    options: {
      user?: string;
      channel?: string;
      command?: string;
      team?: string;
      timestamp?: number;
      secret?: string;
    } = {},
  ) {
    const replyId = randomUUID();
    const form = new URLSearchParams({
      token: 'legacy-verification-token',
      team_id: options.team ?? this.teamId,
      team_domain: 'fake',
      channel_id: options.channel ?? 'C0GENERAL',
      channel_name: 'general',
      user_id: options.user ?? 'U0ALICE01',
      user_name: 'alice',
      command: options.command ?? '/incident',
      text,
      api_app_id: 'A0FAKEAPP',
      is_enterprise_install: 'false',
      response_url: this.slack.responseUrl(replyId),
      trigger_id: `trigger-${replyId}`,
    });
    const ack = await this.post(form.toString(), 'application/x-www-form-urlencoded', options);
    return { ack, replyId, replies: () => this.slack.responsesFor(replyId) };
  }

  async interaction(payload: Record<string, unknown>) {
    const body = new URLSearchParams({
      payload: JSON.stringify({
        team: { id: this.teamId, domain: 'fake' },
        api_app_id: 'A0FAKEAPP',
        token: 'legacy',
        ...payload,
      }),
    });
    return this.post(body.toString(), 'application/x-www-form-urlencoded');
  }

  // A button pressed in a channel's message, as Slack's block_actions payload carries it.
  async pressButton(press: { channel: string; actionId: string; blockId: string; value: string; user?: string }) {
    return this.interaction({
      type: 'block_actions',
      user: { id: press.user ?? 'U0ALICE01', team_id: this.teamId },
      channel: { id: press.channel },
      trigger_id: 'trig',
      actions: [
        {
          type: 'button',
          action_id: press.actionId,
          block_id: press.blockId,
          value: press.value,
          action_ts: '1',
        },
      ],
    });
  }

  // A button pressed where it was shown: a message in a channel or a direct message (with the
  // response_url Slack gives, collected by replies()), or someone's Home tab (no channel, no
  // response_url: Slack gives none there).
  async press(press: { actionId: string; user: string; channel?: string; home?: boolean; value?: string }) {
    const replyId = randomUUID();
    const where = press.home
      ? { container: { type: 'view', view_id: 'V0HOME' }, view: { id: 'V0HOME', type: 'home', team_id: this.teamId } }
      : {
          container: { type: 'message', channel_id: press.channel, message_ts: '1.000001' },
          channel: { id: press.channel },
          response_url: this.slack.responseUrl(replyId),
        };
    const ack = await this.interaction({
      type: 'block_actions',
      user: { id: press.user, team_id: this.teamId },
      trigger_id: `trigger-${replyId}`,
      ...where,
      actions: [{ type: 'button', action_id: press.actionId, block_id: 'b', value: press.value ?? '', action_ts: '1' }],
    });
    return { ack, replies: () => this.slack.responsesFor(replyId) };
  }

  // What Slack sends while someone types in a menu whose options the app serves (an external
  // select in a modal): the answer is the options to show.
  async blockSuggestion(suggestion: { blockId: string; actionId: string; value: string; user?: string }) {
    return this.interaction({
      type: 'block_suggestion',
      user: { id: suggestion.user ?? 'U0ALICE01', team_id: this.teamId },
      container: { type: 'view', view_id: 'V0VIEW' },
      view: { id: 'V0VIEW', team_id: this.teamId, type: 'modal', callback_id: 'declare_incident' },
      block_id: suggestion.blockId,
      action_id: suggestion.actionId,
      value: suggestion.value,
    });
  }

  async viewSubmission(view: Record<string, unknown>, user = 'U0ALICE01') {
    return this.interaction({
      type: 'view_submission',
      user: { id: user, team_id: this.teamId },
      view: { id: 'V0VIEW', team_id: this.teamId, ...view },
    });
  }

  async event(event: Record<string, unknown>, options: { eventId?: string; retryNum?: number } = {}) {
    const body = JSON.stringify({
      token: 'legacy',
      team_id: this.teamId,
      api_app_id: 'A0FAKEAPP',
      type: 'event_callback',
      event_id: options.eventId ?? `Ev${randomUUID().replaceAll('-', '').slice(0, 10).toUpperCase()}`,
      event_time: Math.floor(Date.now() / 1000),
      event,
    });
    const headers: Record<string, string> = options.retryNum
      ? { 'x-slack-retry-num': String(options.retryNum), 'x-slack-retry-reason': 'http_timeout' }
      : {};
    return this.post(body, 'application/json', { headers });
  }
}
