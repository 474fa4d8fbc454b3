import { api } from '@pagerduty/pdjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakePagerDuty } from '../fakes/pagerduty.ts';

describe('fake PagerDuty, through the real @pagerduty/pdjs', () => {
  let pd: FakePagerDuty;
  const call = (
    path: string,
    init: { method?: string; data?: unknown; headers?: Record<string, string>; token?: string } = {},
  ) =>
    api({
      token: init.token ?? pd.token,
      url: `${pd.url}${path}`,
      method: init.method ?? 'GET',
      data: init.data as object,
      headers: init.headers,
      requestTimeout: 0,
    } as never) as Promise<{ status: number; data: any }>;

  beforeAll(async () => {
    pd = await new FakePagerDuty().start();
    pd.services.add('PSVC001');
    pd.users.set('PUSR001', { id: 'PUSR001', name: 'Bob', email: 'bob@example.com' });
    pd.oncalls.set('PPOL001', ['PUSR001']);
  });
  afterAll(() => pd.stop());

  const incident = (key: string) => ({
    incident: {
      type: 'incident',
      title: 'INC-1 Checkout down',
      urgency: 'high',
      incident_key: key,
      service: { id: 'PSVC001', type: 'service_reference' },
    },
  });

  it('creates an incident once per incident_key and resolves it', async () => {
    const first = await call('/incidents', {
      method: 'POST',
      data: incident('inc-1'),
      headers: { From: 'bot@example.com' },
    });
    expect(first.status).toBe(201);
    const again = await call('/incidents', {
      method: 'POST',
      data: incident('inc-1'),
      headers: { From: 'bot@example.com' },
    });
    expect(again.status).toBe(400);
    expect(JSON.stringify(again.data)).toContain('matching dedup key');
    expect(pd.incidents).toHaveLength(1);
    const resolved = await call(`/incidents/${first.data.incident.id}`, {
      method: 'PUT',
      data: { incident: { type: 'incident_reference', status: 'resolved' } },
      headers: { From: 'bot@example.com' },
    });
    expect(resolved.data.incident.status).toBe('resolved');
  });

  it('lists on-call users with their emails, and refuses a bad token', async () => {
    const oncalls = await call('/oncalls?escalation_policy_ids[]=PPOL001&include[]=users');
    expect(oncalls.data.oncalls.map((o: any) => o.user.email)).toEqual(['bob@example.com']);
    expect((await call('/oncalls', { token: 'wrong' })).status).toBe(401);
  });

  it('fails on demand: 429 with Retry-After, 5xx, and a performed call whose answer is dropped', async () => {
    pd.faults.arm({ kind: 'server_error', status: 502 }, 1, 'POST /incidents');
    expect(
      (await call('/incidents', { method: 'POST', data: incident('inc-2'), headers: { From: 'bot@example.com' } }))
        .status,
    ).toBe(502);
    pd.faults.arm({ kind: 'drop_response' }, 1, 'POST /incidents');
    await expect(
      call('/incidents', { method: 'POST', data: incident('inc-2'), headers: { From: 'bot@example.com' } }),
    ).rejects.toThrow();
    expect(pd.incidents.filter((i) => i.incident_key === 'inc-2')).toHaveLength(1);
    pd.faults.arm({ kind: 'ratelimit', retryAfter: 3 }, 1, 'GET /oncalls');
    const limited = await fetch(`${pd.url}/oncalls`, { headers: { authorization: `Token token=${pd.token}` } });
    expect([limited.status, limited.headers.get('retry-after')]).toEqual([429, '3']);
  });
});
