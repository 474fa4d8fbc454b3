import { describe, expect, it } from 'vitest';
import { describePrincipals, isAllowed } from '../../src/domain/policy.ts';

const alice = { id: 'U0ALICE01', email: 'Alice@Example.com' };

describe('isAllowed', () => {
  it('allows everyone when the policy says nothing', () => {
    expect(isAllowed(undefined, alice, [])).toBe(true);
  });
  it('matches roles held, user ids, emails (any case) and anyone', () => {
    expect(isAllowed(['commander'], alice, ['commander'])).toBe(true);
    expect(isAllowed(['commander'], alice, ['scribe'])).toBe(false);
    expect(isAllowed(['U0ALICE01'], alice, [])).toBe(true);
    expect(isAllowed(['alice@example.com'], alice, [])).toBe(true);
    expect(isAllowed(['alice@example.com'], { id: 'U0ALICE01', email: null }, [])).toBe(false);
    expect(isAllowed(['anyone'], { id: 'U0X', email: null }, [])).toBe(true);
  });
  it('names who may, for the refusal', () => {
    expect(describePrincipals(['commander', 'U0BOB0001', 'ops@example.com'])).toBe(
      'the commander or <@U0BOB0001> or ops@example.com',
    );
  });
});
