import { describe, expect, it } from 'vitest';
import { parseCommand } from '../../src/domain/commands/parse.ts';
import { closeMatches, serviceNamesProblem } from '../../src/domain/commands/service-names.ts';

const severities = ['SEV1', 'SEV2', 'SEV3'];
const catalog = { severities, services: ['api', 'checkout-web', 'billing', 'search'] };
const firstInstall = { severities, services: [] };

describe('service names', () => {
  it.each([
    'declare Outage --services api,checkout',
    'freeze --services api',
    'freeze allow api@abc1234 the fix',
    'unfreeze --services payments',
    'impact api start',
    'impact my_svc-2 end',
    'services add api,web',
  ])('with no catalog, %j takes any lowercase id', (text) => {
    expect(parseCommand(text, firstInstall)).toMatchObject({ ok: true });
  });

  it.each([
    ['freeze --services Api!', 'a service name is lowercase letters'],
    ['impact -api start', 'a service name is lowercase letters'],
    [`services add ${'x'.repeat(41)}`, 'at most 40 characters'],
  ])('with no catalog, %j is still not a name', (text, problem) => {
    const parsed = parseCommand(text, firstInstall);
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.message).toContain(problem);
  });

  it.each([
    ['freeze --services biling', 'Unknown service: biling (did you mean billing?). Known services:'],
    ['impact serch start', 'Unknown service: serch (did you mean search?)'],
    ['declare X --services checkout', 'checkout (did you mean checkout-web?)'],
    ['services add pai', 'pai (did you mean api?)'],
    ['freeze allow apii@abc1234 fix', 'apii (did you mean api?)'],
    ['freeze --services payments', 'Unknown service: payments. Known services: api, checkout-web, billing, search.'],
  ])('with a catalog, %j is refused with the close matches', (text, problem) => {
    const parsed = parseCommand(text, catalog);
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.message).toContain(problem);
  });

  it('finds typos, swaps and prefixes, closest first, and not unrelated names', () => {
    expect(closeMatches('aip', ['api', 'web'])).toEqual(['api']);
    expect(closeMatches('web', ['webhooks', 'web-admin', 'db'])).toEqual(['web-admin', 'webhooks']);
    expect(closeMatches('db', ['api', 'web'])).toEqual([]);
    expect(serviceNamesProblem(['api'], ['api'])).toBeNull();
  });
});
