import { describe, expect, it } from 'vitest';
import {
  decideGate,
  freezeCovers,
  gateAnswer,
  nextFreezeReminder,
  scopeContains,
  versionMatches,
  type GateFreeze,
} from '../../src/domain/freeze.ts';

const now = new Date('2026-11-23T12:00:00Z');
const minutes = (n: number) => new Date(now.getTime() + n * 60_000);
const query = { service: 'api', environment: 'production', version: 'abc1234def5678' };

function freeze(over: Partial<GateFreeze> = {}): GateFreeze {
  return {
    id: 'f1',
    services: ['api'],
    environments: [],
    reason: 'INC-7 is SEV1',
    startedAt: minutes(-30),
    expiresAt: null,
    exceptions: [],
    incident: {
      id: 'i7',
      number: 7,
      title: 'Checkout 500s',
      isPrivate: false,
      channelName: 'inc-20261123-checkout-500s',
      commander: { id: 'U0ALICE01', name: 'Alice' },
    },
    ...over,
  };
}

describe('what a freeze covers', () => {
  it('covers named services and environments, or all of them when none are named', () => {
    expect(freezeCovers({ services: ['api'], environments: [] }, 'api', 'staging')).toBe(true);
    expect(freezeCovers({ services: ['api'], environments: [] }, 'web', 'production')).toBe(false);
    expect(freezeCovers({ services: [], environments: ['production'] }, 'web', 'production')).toBe(true);
    expect(freezeCovers({ services: [], environments: ['production'] }, 'web', 'staging')).toBe(false);
  });

  it('knows when one scope already contains another', () => {
    expect(scopeContains({ services: [], environments: [] }, { services: ['api'], environments: ['production'] })).toBe(
      true,
    );
    expect(scopeContains({ services: ['api', 'web'], environments: [] }, { services: ['api'], environments: [] })).toBe(
      true,
    );
    expect(scopeContains({ services: ['api'], environments: [] }, { services: [], environments: [] })).toBe(false);
    expect(
      scopeContains({ services: ['api'], environments: ['production'] }, { services: ['api'], environments: [] }),
    ).toBe(false);
  });
});

describe('exception versions', () => {
  it('lets a SHA prefix cover the full SHA, not the other way round, and matches tags exactly', () => {
    expect(versionMatches('abc1234', 'abc1234def5678')).toBe(true);
    expect(versionMatches('ABC1234', 'abc1234def5678')).toBe(true);
    expect(versionMatches('abc1234def5678', 'abc1234')).toBe(false);
    expect(versionMatches('abc1234', 'abc1235def5678')).toBe(false);
    expect(versionMatches('v1.2.3', 'v1.2.3')).toBe(true);
    expect(versionMatches('v1.2', 'v1.2.3')).toBe(false);
  });
});

describe('the gate decision', () => {
  it('allows what no freeze covers, and says nothing more', () => {
    const decision = decideGate([freeze({ services: ['web'] })], query, now);
    expect(decision).toEqual({ allowed: true, involved: [] });
    expect(gateAnswer(decision, query)).toEqual({ status: 200, body: { allowed: true } });
  });

  it('blocks what a freeze covers, naming the incident, its commander and how to get an exception', () => {
    const answer = gateAnswer(decideGate([freeze()], query, now), query);
    expect(answer.status).toBe(423);
    expect(answer.body).toMatchObject({
      allowed: false,
      reason: 'Deploys of api in production are frozen by INC-7 (Checkout 500s): INC-7 is SEV1.',
      incident: {
        id: 'INC-7',
        title: 'Checkout 500s',
        channel: 'inc-20261123-checkout-500s',
        commander: { id: 'U0ALICE01', name: 'Alice' },
      },
      freeze: { id: 'f1', services: ['api'], environments: [], reason: 'INC-7 is SEV1', expiresAt: null },
      exceptionHint:
        'Ask Alice (commander) in #inc-20261123-checkout-500s to run `/incident freeze allow api@abc1234def5678 <why>`.',
    });
  });

  it('never names a private incident or gives its reason', () => {
    const secret = freeze({
      reason: 'breach of customer data',
      incident: { ...freeze().incident!, title: 'Data breach', isPrivate: true },
    });
    const answer = gateAnswer(decideGate([secret], query, now), query);
    expect(answer.status).toBe(423);
    expect(answer.body.incident).toBe('a private incident');
    expect(JSON.stringify(answer.body)).not.toMatch(/breach|INC-7|Alice|inc-2026/i);
  });

  it('lets an excepted version through until the exception expires, and only that version', () => {
    const excepted = freeze({ exceptions: [{ id: 'e1', service: 'api', version: 'abc1234', expiresAt: minutes(60) }] });
    expect(gateAnswer(decideGate([excepted], query, now), query)).toEqual({
      status: 200,
      body: { allowed: true, exception: { service: 'api', version: 'abc1234', expiresAt: minutes(60).toISOString() } },
    });
    expect(decideGate([excepted], query, minutes(61)).allowed).toBe(false);
    expect(decideGate([excepted], { ...query, version: 'fff1234def' }, now).allowed).toBe(false);
    expect(decideGate([excepted], { ...query, service: 'web' }, now).involved).toEqual([]);
  });

  it('needs an exception from every freeze that covers the deploy', () => {
    const global = freeze({ id: 'f2', services: [], incident: null, reason: 'release freeze' });
    const excepted = freeze({ exceptions: [{ id: 'e1', service: 'api', version: 'abc1234', expiresAt: minutes(60) }] });
    const decision = decideGate([excepted, global], query, now);
    expect(decision.allowed).toBe(false);
    expect(gateAnswer(decision, query).body).toMatchObject({
      reason: 'Deploys of api in production are frozen: release freeze.',
      incident: null,
    });
  });

  it('ignores a freeze once it has expired', () => {
    expect(decideGate([freeze({ expiresAt: minutes(-1) })], query, now).allowed).toBe(true);
    expect(decideGate([freeze({ expiresAt: minutes(1) })], query, now).allowed).toBe(false);
  });
});

describe('freeze reminders', () => {
  const settings = { remindAfterEnd: 30 * 60_000, maxAge: 24 * 3_600_000, remindEvery: 7_200_000 };
  it('fall due when the freeze outlives its incident, or grows old, whichever comes first', () => {
    expect(nextFreezeReminder({ startedAt: now }, null, settings)).toEqual(new Date(now.getTime() + 24 * 3_600_000));
    expect(nextFreezeReminder({ startedAt: now }, minutes(60), settings)).toEqual(minutes(90));
  });
});
