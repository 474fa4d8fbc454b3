import { describe, expect, it } from 'vitest';
import { parseCommand } from '../../src/domain/commands/parse.ts';

const context = { severities: ['SEV0', 'SEV1', 'SEV2'], services: ['api', 'web', 'db'] };
const parse = (text: string) => parseCommand(text, context);

describe('freeze commands', () => {
  it("freezes the incident's services by default, or the named ones, for a while, with a reason", () => {
    expect(parse('freeze')).toEqual({
      ok: true,
      at: null,
      command: { name: 'freeze', services: null, environments: [], forMs: null, reason: '', global: false },
    });
    expect(parse('freeze --services api,WEB --env production,staging --for 2h rollback in progress')).toEqual({
      ok: true,
      at: null,
      command: {
        name: 'freeze',
        services: ['api', 'web'],
        environments: ['production', 'staging'],
        forMs: 7_200_000,
        reason: 'rollback in progress',
        global: false,
      },
    });
    expect(parse('freeze --global release week')).toMatchObject({
      ok: true,
      command: { name: 'freeze', global: true, services: null, reason: 'release week' },
    });
  });

  it('unfreezes everything or the named services', () => {
    expect(parse('unfreeze')).toEqual({
      ok: true,
      at: null,
      command: { name: 'unfreeze', services: null, global: false },
    });
    expect(parse('unfreeze --services web --global')).toEqual({
      ok: true,
      at: null,
      command: { name: 'unfreeze', services: ['web'], global: true },
    });
  });

  it('grants an exception for a service at a version, with why and for how long', () => {
    expect(parse('freeze allow api@ABC1234def revert of the bad deploy --for 30m')).toEqual({
      ok: true,
      at: null,
      command: {
        name: 'freeze_allow',
        service: 'api',
        version: 'ABC1234def',
        reason: 'revert of the bad deploy',
        forMs: 1_800_000,
        global: false,
      },
    });
    expect(parse('freeze allow web@v2.3.1 hotfix')).toMatchObject({
      ok: true,
      command: { service: 'web', version: 'v2.3.1' },
    });
    expect(parse('freeze revoke API@abc1234 --global')).toEqual({
      ok: true,
      at: null,
      command: { name: 'freeze_revoke', service: 'api', version: 'abc1234', global: true },
    });
  });

  it.each([
    ['freeze --services nope', 'Unknown service: nope. Known services: api, web, db.'],
    ['freeze --for ever', '`--for ever` is not a duration'],
    ['freeze --for 31d', 'at most 30d'],
    ['freeze --env "prod uction"', 'is not an environment name'],
    ['freeze --services', '--services needs a value'],
    ['freeze --colour red', '`--colour` is not an option of freeze'],
    ['unfreeze now please', 'takes only `--services` and `--global`'],
    ['unfreeze --for 1h', '`--for` is not an option of unfreeze'],
    ['freeze allow', 'Name the service and version'],
    ['freeze allow api the fix', 'Name the service and version'],
    ['freeze allow api@abc12 the fix', 'too short: give at least 7 characters'],
    ['freeze allow nope@abc1234 the fix', 'Unknown service: nope'],
    ['freeze allow api@abc1234', 'Say why api@abc1234 must go out'],
    ['freeze allow api@abc1234 fix --for soon', 'is not a duration'],
    ['freeze allow api@a/b fix', 'is not a version'],
    ['freeze revoke api', 'Name the exception'],
    ['freeze revoke api@abc1234 oops', 'Name the exception'],
  ])('refuses %j with a message and the usage', (text, message) => {
    const parsed = parse(text);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.message).toContain(message);
    expect(parsed.message).toMatch(/\/incident (un)?freeze/);
  });
});
