// GET /metrics: Prometheus text from prom-client, behind METRICS_TOKENS, never on the status host;
// the values move after known actions.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backend } from '../support/backend.ts';
import { declare, runIn, settle, startTestBot, TEST_CONFIG_FILE, type TestBot } from '../support/test-bot.ts';
import { requestWithHost } from '../support/request-with-host.ts';

const TOKEN = 'metrics-secret-1';
const STATUS_HOST = 'status.example.com';

type Sample = { name: string; labels: Record<string, string>; value: number };

// The exposition format, version 0.0.4: `name{label="value",…} number` lines, # comments.
function parse(text: string): { samples: Sample[]; types: Map<string, string> } {
  const samples: Sample[] = [];
  const types = new Map<string, string>();
  for (const line of text.split('\n')) {
    const type = /^# TYPE (\S+) (\S+)$/.exec(line);
    if (type) types.set(type[1]!, type[2]!);
    if (!line || line.startsWith('#')) continue;
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match) throw new Error(`not Prometheus text: ${line}`);
    const labels = Object.fromEntries(
      [...(match[2] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1]!, m[2]!]),
    );
    samples.push({ name: match[1]!, labels, value: Number(match[3]) });
  }
  return { samples, types };
}

describe(`GET /metrics (${backend})`, () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await startTestBot({
      file: { ...TEST_CONFIG_FILE, status_page: { title: 'Acme Status', url: `https://${STATUS_HOST}` } },
      env: { METRICS_TOKENS: `prometheus:${TOKEN}`, DEPLOY_GATE_TOKENS: 'ci:gate-secret' },
    });
  });
  afterAll(() => t?.stop());

  const scrape = async () => {
    const response = await fetch(`${t.bot.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    return parse(await response.text());
  };
  const value = (samples: Sample[], name: string, labels: Record<string, string> = {}) =>
    samples
      .filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v))
      .reduce((sum, s) => sum + s.value, 0);
  const gate = (query: string, token = 'gate-secret') =>
    fetch(`${t.bot.url}/api/v1/deploy-gate?${query}`, { headers: { authorization: `Bearer ${token}` } });

  it('answers only with a token from METRICS_TOKENS, and never on the status host', async () => {
    expect((await fetch(`${t.bot.url}/metrics`)).status).toBe(401);
    const wrong = await fetch(`${t.bot.url}/metrics`, { headers: { authorization: 'Bearer nope' } });
    expect(wrong.status).toBe(401);
    expect(await wrong.text()).not.toContain('incident_bot');
    // As a proxy would forward it, with the status host's name.
    const onStatusHost = await requestWithHost(t.bot.url, '/metrics', STATUS_HOST, {
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    expect(onStatusHost.status).toBe(404);
  });

  it('shows every series, and the values move after a declare, a freeze, gate calls and a Slack refusal', async () => {
    const before = await scrape();
    for (const name of [
      'incident_bot_open_incidents',
      'incident_bot_active_freezes',
      'incident_bot_changes',
      'incident_bot_gate_decisions_total',
      'incident_bot_slack_call_errors_total',
      'incident_bot_jobs_due',
      'incident_bot_oldest_due_job_seconds',
      'incident_bot_command_ack_seconds',
    ]) {
      expect(before.types.has(name), name).toBe(true);
    }
    expect(before.types.get('incident_bot_command_ack_seconds')).toBe('histogram');

    const { channelId } = await declare(t, 'Metrics outage --sev SEV2 --services api');
    await runIn(t, channelId, 'freeze --env production rollback in progress');
    expect((await gate('service=api&environment=production&version=abc1234')).status).toBe(423);
    expect((await gate('service=web&environment=production&version=abc1234')).status).toBe(200);
    expect((await gate('service=api&environment=production&version=abc1234', 'wrong')).status).toBe(401);
    const deploy = await fetch(`${t.bot.url}/api/v1/deploys`, {
      method: 'POST',
      headers: { authorization: 'Bearer gate-secret', 'content-type': 'application/json' },
      body: JSON.stringify({ service: 'api', environment: 'production', version: 'abc1234', status: 'failed' }),
    });
    expect(deploy.status).toBe(201);
    await settle(t);
    // The next Slack call the bot makes (the status change's post) is refused once, then retried.
    t.slack.faults.arm({ kind: 'refuse', error: 'internal_error' }, 1);
    await runIn(t, channelId, 'status identified bad deploy');
    await settle(t);

    const after = await scrape();
    expect(value(after.samples, 'incident_bot_open_incidents', { severity: 'SEV2' })).toBe(
      value(before.samples, 'incident_bot_open_incidents', { severity: 'SEV2' }) + 1,
    );
    expect(value(after.samples, 'incident_bot_active_freezes')).toBe(
      value(before.samples, 'incident_bot_active_freezes') + 1,
    );
    expect(value(after.samples, 'incident_bot_changes', { status: 'failed' })).toBe(
      value(before.samples, 'incident_bot_changes', { status: 'failed' }) + 1,
    );
    for (const result of ['frozen', 'allowed', 'unauthorized']) {
      expect(value(after.samples, 'incident_bot_gate_decisions_total', { result }), result).toBe(
        value(before.samples, 'incident_bot_gate_decisions_total', { result }) + 1,
      );
    }
    const refused = t.slack.calls.filter((c) => c.error === 'refuse').map((c) => c.method);
    expect(refused).toHaveLength(1);
    expect(value(after.samples, 'incident_bot_slack_call_errors_total', { method: refused[0]! })).toBe(
      value(before.samples, 'incident_bot_slack_call_errors_total', { method: refused[0]! }) + 1,
    );
    // Three commands acknowledged (declare, freeze, status), each counted once.
    const count = (s: Sample[]) => value(s, 'incident_bot_command_ack_seconds_count', { kind: 'command' });
    expect(count(after.samples)).toBe(count(before.samples) + 3);
    expect(value(after.samples, 'incident_bot_jobs_due')).toBe(0);
    expect(value(after.samples, 'incident_bot_oldest_due_job_seconds')).toBe(0);

    // A histogram's +Inf bucket holds every observation: it equals the count, and buckets only grow.
    const buckets = after.samples.filter(
      (s) => s.name === 'incident_bot_command_ack_seconds_bucket' && s.labels.kind === 'command',
    );
    expect(buckets.find((b) => b.labels.le === '+Inf')!.value).toBe(count(after.samples));
    const values = buckets.map((b) => b.value);
    expect(values).toEqual([...values].sort((a, b) => a - b));
  });
});
