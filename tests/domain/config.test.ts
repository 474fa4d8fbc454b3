import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig, parseTokenList } from '../../src/config/index.ts';

const base = { SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's' };

function withFile(yaml: string) {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'cfg-')), 'c.yml');
  writeFileSync(file, yaml);
  return loadConfig({ ...base, INCIDENT_CONFIG: file });
}

describe('loadConfig', () => {
  it('lists every missing setting at once', () => {
    const result = loadConfig({});
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toEqual([
      'SLACK_BOT_TOKEN: is required but not set',
      expect.stringContaining('SLACK_SIGNING_SECRET: set SLACK_APP_TOKEN'),
    ]);
  });

  it('defaults to the real services, HTTP mode and the embedded database', () => {
    const result = loadConfig(base);
    expect(result).toMatchObject({
      ok: true,
      config: {
        slackMode: 'http',
        SLACK_API_URL: 'https://slack.com/api/',
        LINEAR_API_URL: 'https://api.linear.app/graphql',
        PAGERDUTY_API_URL: 'https://api.pagerduty.com',
        PORT: 3000,
        DATA_DIR: './data',
      },
    });
    if (!result.ok) return;
    expect(result.config.DATABASE_URL).toBeUndefined();
    expect(result.config.file.severities.map((s) => s.id)).toEqual(['SEV0', 'SEV1', 'SEV2', 'SEV3', 'SEV4']);
    // The built-in levels are parsed like a file's: durations in milliseconds.
    expect(result.config.file.severities.map((s) => s.prompt_every)).toEqual([
      900_000,
      1_800_000,
      3_600_000,
      14_400_000,
      undefined,
    ]);
    expect(result.config.file.policy).toEqual({
      grant_exception: ['commander'],
      lift_freeze: ['commander'],
      publish_status: ['commander', 'comms'],
    });
    expect(result.config.file.timeline_reaction).toBe('pushpin');
    expect(result.config.file.backup).toEqual({ every: 86_400_000, keep: 7 });
    expect(result.config.file.status_page).toBeUndefined();
    expect(result.config.PUBLIC_URL).toBeUndefined();
  });

  it('takes PUBLIC_URL as an address without a path', () => {
    const base = { SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1' };
    const ok = loadConfig({ ...base, PUBLIC_URL: 'https://incidents.example.com/' });
    expect(ok.ok && ok.config.PUBLIC_URL).toBe('https://incidents.example.com');
    for (const bad of ['https://example.com/bot', 'ftp://example.com', 'incidents.example.com']) {
      const result = loadConfig({ ...base, PUBLIC_URL: bad });
      expect(result.ok, bad).toBe(false);
      if (!result.ok) expect(result.problems.join('\n')).toContain('PUBLIC_URL');
    }
  });

  it('uses Socket Mode when an app token is set, and treats empty values as unset', () => {
    const result = loadConfig({
      SLACK_BOT_TOKEN: 'xoxb-1',
      SLACK_APP_TOKEN: 'xapp-1',
      SLACK_SIGNING_SECRET: '',
      DATABASE_URL: '',
    });
    expect(result).toMatchObject({ ok: true, config: { slackMode: 'socket' } });
  });

  it('names malformed values', () => {
    const result = loadConfig({
      ...base,
      SLACK_BOT_TOKEN: 'xoxp-user',
      PORT: 'eighty',
      DATABASE_URL: 'mysql://x',
      SLACK_API_URL: 'not a url',
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => p.split(':')[0])).toEqual([
      'SLACK_BOT_TOKEN',
      'SLACK_API_URL',
      'DATABASE_URL',
      'PORT',
    ]);
  });

  it('reads severities, services and durations from the file', () => {
    const result = withFile(`
severities:
  - { id: SEV1, description: Bad, page: true, freeze: true, prompt_every: 30m, nudge_every: 1h }
  - { id: SEV2, description: Less bad }
services:
  - { id: api, responders: [alice@example.com], pagerduty: { service_id: P1, escalation_policy_id: P2 } }
`);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.config.file.severities[0]).toEqual({
      id: 'SEV1',
      description: 'Bad',
      page: true,
      freeze: true,
      prompt_every: 1_800_000,
      nudge_every: 3_600_000,
      urgency: 'high',
    });
    expect(result.config.file.services[0]!.responders).toEqual(['alice@example.com']);
  });

  it('names the key and the problem in a malformed file', () => {
    const result = withFile(
      'severities:\n  - { id: SEV1, description: x, prompt_every: soon }\n  - { id: SEV1, description: y }\nservcies: []\n',
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const text = result.problems.join('\n');
    expect(text).toContain('severities.0.prompt_every: must be a duration like 30m, 2h or 1d');
    expect(text).toContain('servcies');
  });

  it('refuses a PagerDuty auto-declare severity that is not a level', () => {
    const result = withFile('pagerduty: { severity: SEV9 }\n');
    expect(result).toEqual({
      ok: false,
      problems: [expect.stringContaining('pagerduty.severity: SEV9 is not one of the severities')],
    });
  });

  it('reports a missing file and broken YAML', () => {
    expect(loadConfig({ ...base, INCIDENT_CONFIG: '/nowhere.yml' })).toEqual({
      ok: false,
      problems: ['INCIDENT_CONFIG (/nowhere.yml): file not found'],
    });
    const broken = withFile('severities: [');
    expect(broken.ok).toBe(false);
  });
});

describe('parseTokenList', () => {
  it('reads name:token pairs and bare tokens', () => {
    expect(parseTokenList('deploy:abc, xyz ,')).toEqual([
      { name: 'deploy', token: 'abc' },
      { name: 'token-2', token: 'xyz' },
    ]);
  });
});
