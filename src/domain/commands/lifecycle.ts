import { ROLES, STATUSES, type Role } from '../incident.ts';
import type { CommandContext } from './command-context.ts';
import { splitFlags } from './tokenize.ts';
import { tooLong } from './limits.ts';
import { serviceNamesProblem } from './service-names.ts';

export type LifecycleCommand =
  | { name: 'status'; status: (typeof STATUSES)[number]; message: string }
  | { name: 'cancel'; reason: string }
  | { name: 'reopen'; reason: string }
  | { name: 'update'; text: string }
  | { name: 'edit'; field: 'title' | 'summary'; text: string }
  | { name: 'services'; op: 'add' | 'remove'; services: string[] }
  | { name: 'role'; role: Role; userId: string }
  | { name: 'sev'; severity: string; reason: string };

type Result = { ok: true; command: LifecycleCommand } | { ok: false; problem: string; topic: string };

const USER_MENTION = /^<@([UW][A-Z0-9]+)(?:\|[^>]*)?>$/;

const ok = (command: LifecycleCommand): Result => ({ ok: true, command });
const no = (problem: string, topic: string): Result => ({ ok: false, problem, topic });

export function parseUserMention(token: string | undefined): string | null {
  return USER_MENTION.exec(token ?? '')?.[1] ?? null;
}

// Free text after the subcommand, as typed (quotes kept), length-checked.
function freeText(raw: string, topic: string, required: boolean): Result | string {
  const text = raw.trim();
  if (required && !text) return no(`\`/incident ${topic}\` needs some text.`, topic);
  const long = tooLong('text', text);
  if (long) return no(long, topic);
  return text;
}

// `rest` is the command text after the subcommand word; `words` its tokens.
export function parseLifecycle(sub: string, rest: string, words: string[], context: CommandContext): Result | null {
  switch (sub) {
    case 'status': {
      const status = words[0]?.toLowerCase();
      if (!status || !(STATUSES as readonly string[]).includes(status)) {
        return no(`Give a status: ${STATUSES.join(', ')}.`, 'status');
      }
      const message = freeText(rest.trim().slice(words[0]!.length), 'status', false);
      return typeof message === 'string'
        ? ok({ name: 'status', status: status as (typeof STATUSES)[number], message })
        : message;
    }
    case 'cancel':
    case 'reopen': {
      const reason = freeText(rest, sub, false);
      return typeof reason === 'string' ? ok({ name: sub, reason }) : reason;
    }
    case 'update': {
      const text = freeText(rest, 'update', true);
      return typeof text === 'string' ? ok({ name: 'update', text }) : text;
    }
    case 'edit': {
      const field = words[0]?.toLowerCase();
      if (field !== 'title' && field !== 'summary') return no('Say what to edit: `title` or `summary`.', 'edit');
      const text = freeText(rest.trim().slice(words[0]!.length), 'edit', true);
      if (typeof text !== 'string') return text;
      const long = field === 'title' ? tooLong('title', text) : null;
      if (long) return no(long, 'edit');
      return ok({ name: 'edit', field, text });
    }
    case 'services': {
      const op = words[0]?.toLowerCase();
      if (op !== 'add' && op !== 'remove') return no('Say `add` or `remove`, then the services.', 'services');
      const split = splitFlags(words.slice(1), new Set());
      if ('error' in split) return no(split.error, 'services');
      const listed = [
        ...split.words,
        ...(split.flags.has('services') ? [String(split.flags.get('services'))] : []),
      ].join(',');
      const ids = [
        ...new Set(
          listed
            .split(',')
            .map((s) => s.trim().toLowerCase())
            .filter(Boolean),
        ),
      ];
      if (!ids.length) return no('Name at least one service.', 'services');
      const problem = serviceNamesProblem(ids, context.services);
      if (problem) return no(problem, 'services');
      return ok({ name: 'services', op, services: ids });
    }
    case 'sev':
    case 'severity': {
      const wanted = words[0]?.toUpperCase();
      const severity = context.severities.find((s) => s.toUpperCase() === wanted || s.toUpperCase() === `SEV${wanted}`);
      if (!severity) return no(`Give a severity: ${context.severities.join(', ')}.`, 'sev');
      const reason = freeText(rest.trim().slice(words[0]!.length), 'sev', false);
      return typeof reason === 'string' ? ok({ name: 'sev', severity, reason }) : reason;
    }
    case 'role': {
      const role = words[0]?.toLowerCase();
      if (!role || !(ROLES as readonly string[]).includes(role)) return no(`Give a role: ${ROLES.join(', ')}.`, 'role');
      const userId = parseUserMention(words[1]);
      if (!userId || words.length > 2)
        return no('Mention exactly one person, e.g. `/incident role commander @alice`.', 'role');
      return ok({ name: 'role', role: role as Role, userId });
    }
    default:
      return null;
  }
}
