import { LinearClient, LinearErrorType } from '@linear/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeLinear } from '../fakes/linear.ts';

describe('fake Linear, through the real @linear/sdk', () => {
  let linear: FakeLinear;
  let client: LinearClient;
  beforeAll(async () => {
    linear = await new FakeLinear().start();
    linear.users.push({ id: 'lu-alice', name: 'Alice', email: 'alice@example.com' });
    client = new LinearClient({ apiKey: linear.apiKey, apiUrl: linear.url });
  });
  afterAll(() => linear.stop());

  it('answers teams, users by email, labels and issue creation with a client-chosen id', async () => {
    const teams = await client.teams();
    expect(teams.nodes.map((t) => t.key)).toEqual(['ENG', 'OPS']);
    const users = await client.users({ filter: { email: { eq: 'ALICE@example.com' } } });
    expect(users.nodes.map((u) => u.id)).toEqual(['lu-alice']);
    const label = await client.createIssueLabel({ name: 'incident', teamId: 'team-eng' });
    expect(label.success).toBe(true);
    const id = '3c6c9a6e-7f3c-4a5e-9a55-0d1f1e0b7a11';
    const created = await client.createIssue({
      id,
      teamId: 'team-eng',
      title: 'Add a canary',
      assigneeId: 'lu-alice',
      priority: 2,
    });
    expect(created.issueId).toBe(id);
    expect(linear.issues.get(id)).toMatchObject({ identifier: 'ENG-1', assigneeId: 'lu-alice', priority: 2 });
    await expect(client.createIssue({ id, teamId: 'team-eng', title: 'Add a canary' })).rejects.toThrow(
      /already exists/,
    );
    expect(linear.issues.size).toBe(1);
  });

  it('performs a create and drops the answer when told to', async () => {
    linear.fail({ kind: 'drop_response' }, 1, 'createIssue');
    const id = '8a1f8b2c-1111-4a5e-9a55-0d1f1e0b7a12';
    await expect(client.createIssue({ id, teamId: 'team-eng', title: 'Lost answer' })).rejects.toThrow();
    expect(linear.issues.has(id)).toBe(true);
  });

  it('rate-limits with a 429 or a typed error body, and refuses a bad key', async () => {
    linear.faults.arm({ kind: 'ratelimit', retryAfter: 7 }, 1, 'teams');
    const limited = await client.teams().catch((e) => e);
    expect(limited.type).toBe(LinearErrorType.Ratelimited);
    expect(limited.retryAfter).toBe(7);
    linear.fail({ kind: 'ratelimited_body' }, 1, 'teams');
    expect((await client.teams().catch((e) => e)).type).toBe(LinearErrorType.Ratelimited);
    const stranger = new LinearClient({ apiKey: 'lin_api_wrong', apiUrl: linear.url });
    expect((await stranger.teams().catch((e) => e)).type).toBe(LinearErrorType.AuthenticationError);
    expect(linear.calls.filter((c) => !c.ok).map((c) => c.error)).toEqual(
      expect.arrayContaining(['ratelimit', 'ratelimited', 'authentication']),
    );
  });
});
