import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backend } from '../support/backend.ts';
import { declare, startTestBot, type TestBot } from '../support/test-bot.ts';

describe(`read API (${backend})`, () => {
  let t: TestBot;
  const token = 'reader-token-123';
  beforeAll(async () => {
    t = await startTestBot({ env: { API_TOKENS: `dashboard:${token}` } });
    await declare(t, 'Public outage --sev SEV2 --services api');
    await declare(t, 'Payroll data exposure --private --sev SEV1 --services api');
    await declare(t, 'Game day --drill');
  });
  afterAll(() => t?.stop());

  // Answers are read as loosely typed JSON: the test asserts their shape.
  const get = async (path: string, auth: string | null = `Bearer ${token}`) => {
    const response = await fetch(`${t.bot.url}${path}`, { headers: auth ? { authorization: auth } : {} });
    return { status: response.status, json: () => response.json() as Promise<any> };
  };

  it('requires a valid bearer token', async () => {
    expect((await get('/api/v1/incidents', null)).status).toBe(401);
    expect((await get('/api/v1/incidents', 'Bearer reader-token-12')).status).toBe(401);
    expect((await get('/api/v1/incidents', `Basic ${token}`)).status).toBe(401);
    const denied = await (await get('/api/v1/incidents', null)).json();
    expect(denied).toEqual({ error: 'UNAUTHORIZED', message: expect.stringContaining('API_TOKENS') });
  });

  it('lists real incidents; a private one shows nothing but that it exists', async () => {
    const body = await (await get('/api/v1/incidents')).json();
    const text = JSON.stringify(body);
    expect(body.incidents.map((i: { ref: string }) => i.ref)).toEqual(['INC-1', 'INC-2']);
    expect(body.incidents[0]).toMatchObject({
      title: 'Public outage',
      severity: 'SEV2',
      services: ['api'],
      roles: { commander: 'U0ALICE01' },
    });
    // Its number and nothing else: not its severity, status or times either.
    expect(body.incidents[1]).toEqual({ number: 2, ref: 'INC-2', private: true, title: 'a private incident' });
    expect(text).not.toContain('Payroll');
    expect(body.incidents[1].channelId).toBeUndefined();
    expect(body.incidents[1].roles).toBeUndefined();
  });

  it('includes drills only when asked, and finds one incident by number', async () => {
    const withDrills = await (await get('/api/v1/incidents?drills=true')).json();
    expect(withDrills.incidents.map((i: { ref: string }) => i.ref)).toEqual(['INC-1', 'INC-2', 'INC-3']);
    const one = await (await get('/api/v1/incidents/INC-2')).json();
    expect(one.incident.title).toBe('a private incident');
    expect((await get('/api/v1/incidents/99')).status).toBe(404);
    expect((await get('/api/v1/incidents/abc')).status).toBe(404);
  });

  it('serves a timeline as JSON or Markdown, and keeps a private one in its channel', async () => {
    const json = await (await get('/api/v1/incidents/1/timeline')).json();
    expect(json.entries[0]).toMatchObject({ seq: 1, kind: 'declared', actor: 'U0ALICE01', backdated: false });
    const response = await fetch(`${t.bot.url}/api/v1/incidents/INC-1/timeline`, {
      headers: { authorization: `Bearer ${token}`, accept: 'text/markdown' },
    });
    expect(response.headers.get('content-type')).toContain('text/markdown');
    const markdown = await response.text();
    expect(markdown.split('\n').slice(0, 2)).toEqual(['| Time (UTC) | # | Event | Who |', '|---|---|---|---|']);
    expect(markdown).toContain('INC-1 (SEV2) declared: Public outage');
    const hidden = await get('/api/v1/incidents/2/timeline');
    expect(hidden.status).toBe(403);
    expect(JSON.stringify(await hidden.json())).not.toContain('Payroll');
    expect((await get('/api/v1/incidents/1/timeline', null)).status).toBe(401);
  });
});
