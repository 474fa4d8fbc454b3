import { parseUserMention } from './lifecycle.ts';
import { splitFlags } from './tokenize.ts';
import { tooLong } from './limits.ts';

export const PRIORITIES = ['urgent', 'high', 'medium', 'low'] as const;
export type Priority = (typeof PRIORITIES)[number];

// A due date as typed: a calendar date, or a number of days from today (resolved when it runs).
export type DueDate = { date: string } | { days: number };

export type ItemFields = {
  ownerId: string | null;
  priority: Priority | null;
  due: DueDate | null;
  theme: string | null;
};

export type PostmortemCommand =
  // permalink: the Slack message it was made from (the message action).
  | ({ name: 'action'; text: string; permalink?: string } & ItemFields)
  | { name: 'actions' }
  // The caller's open items across incidents, in any channel.
  | { name: 'actions_mine' }
  | { name: 'action_state'; seq: number; op: 'done' | 'reopen' | 'remove' }
  | ({ name: 'action_edit'; seq: number; text: string | null } & ItemFields)
  | { name: 'postmortem'; ownerId: string | null; due: DueDate | null }
  | { name: 'postmortem_file' }
  | { name: 'postmortem_done' };

type Result = { ok: true; command: PostmortemCommand } | { ok: false; problem: string; topic: string };

const no = (problem: string, topic: string): Result => ({ ok: false, problem, topic });

export function parseDue(value: string): DueDate | null {
  const relative = /^\+?(\d{1,3})([dw])$/i.exec(value);
  if (relative) return { days: Number(relative[1]) * (relative[2]!.toLowerCase() === 'w' ? 7 : 1) };
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return null;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value) ? { date: value } : null;
}

// The calendar date (UTC) a due date stands for, given today.
export function resolveDue(due: DueDate, now: Date): string {
  if ('date' in due) return due.date;
  return new Date(now.getTime() + due.days * 86_400_000).toISOString().slice(0, 10);
}

// Words and flags of an action item: one mention (as its own word) is the owner, the rest is text.
function itemFields(words: string[], topic: string): { text: string; fields: ItemFields } | Result {
  const split = splitFlags(words, new Set());
  if ('error' in split) return no(split.error, topic);
  const unknown = [...split.flags.keys()].find((f) => !['priority', 'due', 'theme'].includes(f));
  if (unknown) return no(`\`--${unknown}\` is not an option here: use --priority, --due or --theme.`, topic);
  const owners = split.words.map(parseUserMention).filter((id): id is string => !!id);
  if (owners.length > 1) return no('Name one owner (one @mention).', topic);
  const text = split.words
    .filter((w) => !parseUserMention(w))
    .join(' ')
    .trim();
  const long = tooLong('short', text, 'An action item');
  if (long) return no(long, topic);
  const priority = split.flags.get('priority');
  if (priority !== undefined && !(PRIORITIES as readonly string[]).includes(String(priority).toLowerCase()))
    return no(`Priority is one of ${PRIORITIES.join(', ')}.`, topic);
  const dueText = split.flags.get('due');
  const due = dueText === undefined ? null : parseDue(String(dueText));
  if (dueText !== undefined && !due)
    return no(`\`--due ${dueText}\` is not a date: use 2026-03-31, or +7d, +2w.`, topic);
  const theme = split.flags.get('theme');
  if (theme !== undefined && !/^[a-z0-9][a-z0-9_-]{0,29}$/i.test(String(theme)))
    return no('A theme is one word (letters, digits, - or _), e.g. `--theme deploys`.', topic);
  return {
    text,
    fields: {
      ownerId: owners[0] ?? null,
      priority: priority === undefined ? null : (String(priority).toLowerCase() as Priority),
      due,
      theme: theme === undefined ? null : String(theme).toLowerCase(),
    },
  };
}

export function parsePostmortemCommand(sub: string, words: string[]): Result | null {
  switch (sub) {
    case 'action': {
      const parsed = itemFields(words, 'action');
      if ('ok' in parsed) return parsed;
      if (!parsed.text)
        return no('Say what should be done: `/incident action Add a canary stage @bob --priority high`.', 'action');
      return { ok: true, command: { name: 'action', text: parsed.text, ...parsed.fields } };
    }
    case 'actions': {
      if (!words.length) return { ok: true, command: { name: 'actions' } };
      const op = words[0]!.toLowerCase();
      if (op === 'mine')
        return words.length === 1
          ? { ok: true, command: { name: 'actions_mine' } }
          : no('`/incident actions mine` takes nothing else.', 'actions');
      const seq = Number(words[1]);
      if (!['done', 'reopen', 'remove', 'edit'].includes(op) || !Number.isInteger(seq) || seq < 1) {
        return no(
          'Use `/incident actions`, `actions mine`, `actions done|reopen|remove <n>`, or `actions edit <n> [text] [@owner] [--priority p] [--due date] [--theme t]`.',
          'actions',
        );
      }
      if (op !== 'edit') {
        if (words.length > 2) return no(`\`actions ${op} <n>\` takes only the item's number.`, 'actions');
        return { ok: true, command: { name: 'action_state', seq, op: op as 'done' | 'reopen' | 'remove' } };
      }
      const parsed = itemFields(words.slice(2), 'actions');
      if ('ok' in parsed) return parsed;
      const { fields } = parsed;
      if (!parsed.text && !fields.ownerId && !fields.priority && !fields.due && !fields.theme)
        return no('Give what to change: text, @owner, --priority, --due or --theme.', 'actions');
      return { ok: true, command: { name: 'action_edit', seq, text: parsed.text || null, ...fields } };
    }
    case 'postmortem': {
      const verb = words[0]?.toLowerCase();
      if (verb === 'file' || verb === 'done') {
        return words.length === 1
          ? { ok: true, command: { name: verb === 'file' ? 'postmortem_file' : 'postmortem_done' } }
          : no(`\`/incident postmortem ${verb}\` takes nothing else.`, 'postmortem');
      }
      const rest = words[0]?.toLowerCase() === 'owner' ? words.slice(1) : words;
      const split = splitFlags(rest, new Set());
      if ('error' in split) return no(split.error, 'postmortem');
      if ([...split.flags.keys()].some((f) => f !== 'due'))
        return no('`/incident postmortem` takes `owner @person` and `--due date`.', 'postmortem');
      const ownerId = split.words.length === 1 ? parseUserMention(split.words[0]) : null;
      if (split.words.length > 1 || (split.words.length === 1 && !ownerId))
        return no('Name the owner with one @mention: `/incident postmortem owner @carol --due +7d`.', 'postmortem');
      const dueText = split.flags.get('due');
      const due = dueText === undefined ? null : parseDue(String(dueText));
      if (dueText !== undefined && !due)
        return no(`\`--due ${dueText}\` is not a date: use 2026-03-31, or +7d, +2w.`, 'postmortem');
      return { ok: true, command: { name: 'postmortem', ownerId, due } };
    }
    default:
      return null;
  }
}
