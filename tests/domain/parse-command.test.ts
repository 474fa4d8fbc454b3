import { describe, expect, it } from 'vitest';
import { parseCommand } from '../../src/domain/commands/parse.ts';
import { tokenize } from '../../src/domain/commands/tokenize.ts';

const context = { severities: ['SEV0', 'SEV1', 'SEV2', 'SEV3', 'SEV4'], services: ['api', 'web'] };

describe('parseCommand', () => {
  it('parses an inline declare with every option', () => {
    expect(parseCommand('declare Checkout API 500s --sev sev2 --services api,WEB --private --drill', context)).toEqual({
      ok: true,
      command: { name: 'declare', title: 'Checkout API 500s', severity: 'SEV2', services: ['api', 'web'], isPrivate: true, isDrill: true },
    });
  });

  it('accepts a bare number for severity and --flag=value', () => {
    const parsed = parseCommand('declare "DB failover" --sev=1', context);
    expect(parsed).toMatchObject({ ok: true, command: { title: 'DB failover', severity: 'SEV1' } });
  });

  it('treats an empty command and a titleless declare as "open the form"', () => {
    expect(parseCommand('', context)).toMatchObject({ ok: true, command: { name: 'declare', title: null } });
    expect(parseCommand('  declare  ', context)).toMatchObject({ ok: true, command: { name: 'declare', title: null } });
  });

  it.each([
    ['frobnicate', "I don't know `frobnicate`"],
    ['declare Outage --sev SEV9', '`SEV9` is not a severity. Use one of SEV0, SEV1, SEV2, SEV3, SEV4.'],
    ['declare Outage --services api,nope', 'Unknown service: nope. Known services: api, web.'],
    ['declare Outage --sev', '--sev needs a value'],
    ['declare Outage --sev SEV1 --sev SEV2', '--sev is given twice'],
    ['declare Outage --colour red', '`--colour` is not an option of declare.'],
    ['list now', '`/incident list` takes no arguments.'],
    [`declare ${'x'.repeat(151)}`, 'keep it under 150'],
  ])('refuses %j with a message and the usage', (text, message) => {
    const parsed = parseCommand(text, context);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.message).toContain(message);
    expect(parsed.message).toContain('*Usage*');
  });

  it('parses help and list', () => {
    expect(parseCommand('HELP', context)).toEqual({ ok: true, command: { name: 'help' } });
    expect(parseCommand('list', context)).toEqual({ ok: true, command: { name: 'list' } });
  });
});

describe('tokenize', () => {
  it('keeps straight and curly quoted phrases together', () => {
    expect(tokenize('declare "a b" “c d” \'e f\' g')).toEqual(['declare', 'a b', 'c d', 'e f', 'g']);
  });
});
