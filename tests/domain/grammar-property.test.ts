// Thousands of generated `/incident` lines from the grammar's real tokens, with mentions, times,
// unicode and control characters: the parser never throws, always answers with a command or a
// usage message, and no time it lets through can land in the future.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCommand } from '../../src/domain/commands/parse.ts';
import { storableJson, storableText } from '../../src/domain/text.ts';
import { parseTime } from '../../src/domain/time/parse-time.ts';

const context = { severities: ['SEV0', 'SEV1', 'SEV2', 'SEV3', 'SEV4'], services: ['api', 'web', 'db'] };

const SUBCOMMANDS = [
  'declare',
  'sev',
  'status',
  'cancel',
  'reopen',
  'update',
  'edit',
  'services',
  'role',
  'note',
  'mark',
  'impact',
  'timeline',
  'freeze',
  'unfreeze',
  'action',
  'actions',
  'postmortem',
  'page',
  'oncall',
  'list',
  'help',
  'allow',
  'revoke',
  'file',
  'add',
  'remove',
  'title',
  'summary',
  'done',
  'start',
  'end',
  'owner',
  'edit',
];
const WORDS = [
  'SEV1',
  'sev2',
  'SEV9',
  '1',
  'investigating',
  'identified',
  'monitoring',
  'resolved',
  'commander',
  'comms',
  'scribe',
  'triggered',
  'started',
  'detected',
  'mitigated',
  'api',
  'web',
  'nope',
  'api,web',
  'api@abc1234',
  'api@',
  '@abc',
  'production',
  'x',
  '"quoted words"',
  '“curly”',
  "'single'",
  '"',
  '<@U0ALICE01>',
  '<@W123|bob>',
  '<#C123|general>',
  '<!here>',
  '&amp;',
  '12',
  '#3',
  '-',
  '--',
  '---',
  '=',
];
const FLAGS = [
  '--sev',
  '--services',
  '--private',
  '--drill',
  '--at',
  '--for',
  '--env',
  '--global',
  '--priority',
  '--due',
  '--theme',
  '--degraded',
  '--all',
  '--title',
  '--status',
  '--components',
  '--at=',
  '--sev=',
  '--for=2h',
  '--colour',
];
const TIMES = [
  '14:21',
  '14:21:05',
  '14:21 UTC',
  '2:21pm',
  '-15m',
  '-2h',
  '-45d',
  'yesterday 23:10',
  '2026-03-04T14:21:00Z',
  '2099-01-01T00:00Z',
  '2099-01-01',
  '23:59:59 +14:00',
  '00:00 -12:00',
  '25:99',
  '14:7',
  '24:00',
  '99:00',
  '12:60',
  '2026-02-30T10:00Z',
  '+5m',
  '-0m',
  '11:59pm',
  '13:00pm',
  '0:00am',
  'now',
  'tomorrow 10:00',
];
const DURATIONS = ['2h', '30m', '1d', '31d', '0m', '-1h', 'forever', '1h30m'];
const ODD = ['\u0000', '\u0007', '\n', '\r\n', '\t', '\u200f', '\u202e', 'é', 'e\u0301', '🔥', '\uD800', '\uDFFF', 'ﬁ'];

const token = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...SUBCOMMANDS) },
  { weight: 4, arbitrary: fc.constantFrom(...WORDS) },
  { weight: 3, arbitrary: fc.constantFrom(...FLAGS) },
  { weight: 3, arbitrary: fc.constantFrom(...TIMES) },
  { weight: 1, arbitrary: fc.constantFrom(...DURATIONS) },
  { weight: 1, arbitrary: fc.constantFrom(...ODD) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 12 }) },
);
const line = fc
  .tuple(fc.constantFrom(...SUBCOMMANDS, ''), fc.array(token, { maxLength: 12 }), fc.constantFrom(' ', '  ', '\t'))
  .map(([first, rest, gap]) => [first, ...rest].join(gap));

const ZONES = ['UTC', 'Europe/Berlin', 'Pacific/Kiritimati', 'Pacific/Pago_Pago', 'America/St_Johns'];
const NOW = new Date('2026-12-01T02:00:00Z');

describe('the /incident grammar, on generated lines', () => {
  it('never throws, and always answers with a command or a usage message', () => {
    fc.assert(
      fc.property(line, (text) => {
        const parsed = parseCommand(text, context);
        if (parsed.ok) expect(parsed.command.name).toEqual(expect.any(String));
        else expect(parsed.message).toContain('*Usage*');
      }),
      { numRuns: 5_000 },
    );
  });

  it('never lets a time through that resolves to the future, in any zone', () => {
    fc.assert(
      fc.property(line, fc.constantFrom(...ZONES), (text, zone) => {
        const parsed = parseCommand(text, context);
        if (!parsed.ok || parsed.at === null) return;
        const resolved = parseTime(parsed.at, NOW, zone);
        if (resolved.ok) expect(resolved.at.getTime()).toBeLessThanOrEqual(NOW.getTime());
      }),
      { numRuns: 5_000 },
    );
  });

  it('never accepts a time-shaped opening that is no time as text', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('note', 'mark detected', 'impact api start'),
        fc.integer({ min: 0, max: 99 }),
        fc.integer({ min: 0, max: 999 }),
        (sub, hour, minute) => {
          const time = `${hour}:${minute}`;
          const parsed = parseCommand(`${sub} ${time} words after`, context);
          const valid = hour < 24 && minute < 60 && String(minute).length === 2;
          if (!valid) expect(parsed.ok).toBe(false);
        },
      ),
      { numRuns: 2_000 },
    );
  });

  it('gives commands that can be stored once their text is made storable', () => {
    fc.assert(
      fc.property(line, (text) => {
        const parsed = parseCommand(storableText(text), context);
        const json = JSON.stringify(storableJson(parsed));
        expect(json).not.toContain('\\u0000');
        expect(Buffer.from(json, 'utf8').toString('utf8')).toBe(json);
      }),
      { numRuns: 3_000 },
    );
  });
});
