import { describe, expect, it } from 'vitest';
import { parseCommand } from '../../src/domain/commands/parse.ts';
import { parseDue, resolveDue } from '../../src/domain/commands/postmortem-commands.ts';

const context = { severities: ['SEV1', 'SEV2'], services: ['api'] };
const parse = (text: string) => parseCommand(text, context);

describe('action item and postmortem commands', () => {
  it('reads an action item with its owner, priority, due date and theme', () => {
    expect(
      parse('action Add a canary stage <@U0BOB0001|bob> --priority HIGH --due 2026-12-01 --theme Deploys'),
    ).toEqual({
      ok: true,
      at: null,
      command: {
        name: 'action',
        text: 'Add a canary stage',
        ownerId: 'U0BOB0001',
        priority: 'high',
        due: { date: '2026-12-01' },
        theme: 'deploys',
      },
    });
    expect(parse('action "Write the runbook" --due +2w')).toMatchObject({
      ok: true,
      command: { text: 'Write the runbook', ownerId: null, priority: null, due: { days: 14 } },
    });
  });

  it('lists, changes and edits items by number', () => {
    expect(parse('actions')).toEqual({ ok: true, at: null, command: { name: 'actions' } });
    expect(parse('actions done 3')).toEqual({
      ok: true,
      at: null,
      command: { name: 'action_state', seq: 3, op: 'done' },
    });
    expect(parse('actions edit 2 <@U0CAROL01> --priority urgent')).toEqual({
      ok: true,
      at: null,
      command: {
        name: 'action_edit',
        seq: 2,
        text: null,
        ownerId: 'U0CAROL01',
        priority: 'urgent',
        due: null,
        theme: null,
      },
    });
  });

  it('drafts the postmortem, with an owner and a due date, and files the items', () => {
    expect(parse('postmortem')).toEqual({
      ok: true,
      at: null,
      command: { name: 'postmortem', ownerId: null, due: null },
    });
    expect(parse('postmortem owner <@U0BOB0001|bob> --due 2026-12-15')).toEqual({
      ok: true,
      at: null,
      command: { name: 'postmortem', ownerId: 'U0BOB0001', due: { date: '2026-12-15' } },
    });
    expect(parse('postmortem file')).toEqual({ ok: true, at: null, command: { name: 'postmortem_file' } });
  });

  it.each([
    ['action', 'Say what should be done'],
    ['action Fix it <@U0BOB0001> <@U0CAROL01>', 'Name one owner'],
    ['action Fix it --priority soon', 'Priority is one of urgent, high, medium, low'],
    ['action Fix it --due 2026-02-30', '`--due 2026-02-30` is not a date'],
    ['action Fix it --theme "two words"', 'A theme is one word'],
    ['action Fix it --owner bob', '`--owner` is not an option here'],
    ['actions done', 'Use `/incident actions`'],
    ['actions done 2 now', "takes only the item's number"],
    ['actions edit 2', 'Give what to change'],
    ['postmortem owner bob', 'Name the owner with one @mention'],
    ['postmortem file now', 'takes nothing else'],
    ['actions --at 14:00', 'takes no --at'],
  ])('refuses %j', (text, message) => {
    const parsed = parse(text);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.message).toContain(message);
  });

  it('resolves a relative due date from today (UTC)', () => {
    expect(parseDue('7d')).toEqual({ days: 7 });
    expect(resolveDue({ days: 7 }, new Date('2026-11-23T23:30:00Z'))).toBe('2026-11-30');
    expect(resolveDue({ date: '2027-01-04' }, new Date('2026-11-23T23:30:00Z'))).toBe('2027-01-04');
  });
});
