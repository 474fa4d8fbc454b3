import { describe, expect, it } from 'vitest';
import { parseCommand } from '../../src/domain/commands/parse.ts';
import { tokenize } from '../../src/domain/commands/tokenize.ts';

const context = { severities: ['SEV0', 'SEV1', 'SEV2', 'SEV3', 'SEV4'], services: ['api', 'web'] };

describe('parseCommand', () => {
  it('parses an inline declare with every option', () => {
    expect(parseCommand('declare Checkout API 500s --sev sev2 --services api,WEB --private --drill', context)).toEqual({
      ok: true,
      command: {
        name: 'declare',
        title: 'Checkout API 500s',
        severity: 'SEV2',
        services: ['api', 'web'],
        isPrivate: true,
        isDrill: true,
      },
      at: null,
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
    [`declare ${'x'.repeat(151)}`, 'A title is 151 characters; the limit is 150.'],
  ])('refuses %j with a message and the usage', (text, message) => {
    const parsed = parseCommand(text, context);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.message).toContain(message);
    expect(parsed.message).toContain('*Usage*');
  });

  it('parses help and list', () => {
    expect(parseCommand('HELP', context)).toEqual({ ok: true, command: { name: 'help' }, at: null });
    expect(parseCommand('list', context)).toEqual({ ok: true, command: { name: 'list' }, at: null });
  });
});

describe('tokenize', () => {
  it('keeps straight and curly quoted phrases together', () => {
    expect(tokenize('declare "a b" “c d” \'e f\' g')).toEqual(['declare', 'a b', 'c d', 'e f', 'g']);
  });
});

describe('lifecycle commands', () => {
  it.each([
    ['status identified Bad deploy', { name: 'status', status: 'identified', message: 'Bad deploy' }],
    ['status Resolved', { name: 'status', status: 'resolved', message: '' }],
    ['cancel false alarm', { name: 'cancel', reason: 'false alarm' }],
    ['reopen', { name: 'reopen', reason: '' }],
    ['update Rolled back; errors falling', { name: 'update', text: 'Rolled back; errors falling' }],
    ['edit title "DB" failover', { name: 'edit', field: 'title', text: '"DB" failover' }],
    ['services add api, web', { name: 'services', op: 'add', services: ['api', 'web'] }],
    ['services remove --services web', { name: 'services', op: 'remove', services: ['web'] }],
    ['role commander <@U0BOB0001|bob>', { name: 'role', role: 'commander', userId: 'U0BOB0001' }],
    ['sev 1 checkout down everywhere', { name: 'sev', severity: 'SEV1', reason: 'checkout down everywhere' }],
    ['severity sev4', { name: 'sev', severity: 'SEV4', reason: '' }],
  ])('%s', (text, command) => {
    expect(parseCommand(text, context)).toEqual({ ok: true, command, at: null });
  });

  it.each([
    ['status fixed', 'Give a status'],
    ['update', 'needs some text'],
    ['edit colour red', '`title` or `summary`'],
    ['services add db', 'Unknown service: db'],
    ['role boss <@U0BOB0001>', 'Give a role'],
    ['role comms bob', 'Mention exactly one person'],
  ])('refuses %j', (text, message) => {
    const parsed = parseCommand(text, context);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.message).toContain(message);
  });
});

describe('--at', () => {
  it.each([
    ['status identified --at 14:21 cause found', '14:21', 'cause found'],
    ['status identified cause found --at yesterday 23:10', 'yesterday 23:10', 'cause found'],
    ['status monitoring --at 14:21 UTC', '14:21 UTC', ''],
    ['status monitoring --at=2:21pm', '2:21pm', ''],
    ['status monitoring --at -15m', '-15m', ''],
    ['status monitoring --at 2026-03-04T14:21:00+02:00', '2026-03-04T14:21:00+02:00', ''],
  ])('takes the time out of %j', (text, at, message) => {
    expect(parseCommand(text, context)).toMatchObject({ ok: true, at, command: { message } });
  });

  it.each([
    ['status identified --at teatime', "can't read"],
    ['status identified --at', '--at needs a time'],
    ['status identified --at 14:00 --at 15:00', 'given twice'],
    ['list --at 14:00', 'takes no --at'],
  ])('refuses %j before anything is recorded', (text, message) => {
    const parsed = parseCommand(text, context);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.message).toContain(message);
  });
});

describe('a leading token shaped like a time must be one', () => {
  it.each([
    'note 25:99 impossible time',
    'note 14:7 half a minute',
    'note 24:00 midnight',
    'mark detected 99:00 alert',
    'note edit 3 14:7 fixed',
    'impact api start 25:61',
    'note 2:61pm nearly',
  ])('refuses %j with the grammar and records nothing', (text) => {
    const parsed = parseCommand(text, context);
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.message).toContain('looks like a time but is not one');
    expect(!parsed.ok && parsed.message).toContain('Times look like 14:21');
  });

  it.each([
    ['note "3:1 split" on the vote', { text: '"3:1 split" on the vote', time: null }],
    ['note 14:21 config pushed', { text: 'config pushed', time: '14:21' }],
    ['note 14:21:05 UTC exact', { text: 'exact', time: '14:21:05 UTC' }],
    ['note 2:21pm afternoon', { text: 'afternoon', time: '2:21pm' }],
    ['note 14:21, then more', { text: '14:21, then more', time: null }],
    ['note ratio 3:1 in the middle', { text: 'ratio 3:1 in the middle', time: null }],
  ])('%j is read as typed', (text, expected) => {
    expect(parseCommand(text, context)).toMatchObject({ ok: true, command: { name: 'note', ...expected } });
  });
});
