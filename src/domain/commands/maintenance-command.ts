import { FUTURE_TIME_GRAMMAR, futureTimeSyntaxProblem } from '../time/parse-time.ts';
import { SETTABLE_STATUSES, type SettableStatus } from '../status-page/maintenance.ts';
import type { StatusComponents } from './command-context.ts';
import { tooLong } from './limits.ts';
import { extractOptions } from './message-options.ts';
import { componentProblem } from './statuspage-command.ts';

export type MaintenanceCommand =
  | {
      name: 'maintenance_schedule';
      title: string;
      services: string[];
      // As typed: read in the person's time zone when the command runs.
      from: string;
      to: string;
      message: string;
    }
  | { name: 'maintenance_list' }
  | { name: 'maintenance_update'; number: number; status: SettableStatus | null; message: string }
  | { name: 'maintenance_cancel'; number: number; message: string | null };

type Result = { ok: true; command: MaintenanceCommand } | { ok: false; problem: string; topic: 'maintenance' };

const SCHEDULE_OPTIONS = ['services', 'from', 'to', 'title'] as const;
const NUMBER = /^#?(\d{1,9})$/;

// `/incident maintenance schedule|list|update|cancel …` (SPEC.md "Status page", scheduled maintenance).
export function parseMaintenanceCommand(sub: string, afterSub: string, components: StatusComponents): Result | null {
  if (sub !== 'maintenance') return null;
  const fail = (problem: string): Result => ({ ok: false, problem, topic: 'maintenance' });
  const [, action = '', rest = ''] = /^\s*(\S*)([\s\S]*)$/.exec(afterSub) ?? [];
  switch (action.toLowerCase()) {
    case 'list':
      return rest.trim()
        ? fail('`maintenance list` takes nothing more.')
        : { ok: true, command: { name: 'maintenance_list' } };
    case 'schedule':
      return parseSchedule(rest, components, fail);
    case 'update':
    case 'cancel': {
      const [, numberText = '', after = ''] = /^\s*(\S*)([\s\S]*)$/.exec(rest) ?? [];
      const number = NUMBER.exec(numberText);
      if (!number)
        return fail(
          `Which maintenance? \`maintenance ${action.toLowerCase()} 3\` (its number from \`maintenance list\`).`,
        );
      return action.toLowerCase() === 'update'
        ? parseUpdate(Number(number[1]), after, fail)
        : parseCancel(Number(number[1]), after, fail);
    }
    default:
      return fail(action ? `\`maintenance ${action}\` is not a maintenance command.` : 'What about maintenance?');
  }
}

function parseSchedule(text: string, components: StatusComponents, fail: (p: string) => Result): Result {
  const extracted = extractOptions(text, SCHEDULE_OPTIONS, 'maintenance schedule', ['from', 'to']);
  if ('problem' in extracted) return fail(extracted.problem);
  const { options, rest: message } = extracted;
  const title = options.get('title') ?? '';
  if (!title) return fail('A maintenance needs a public title: `--title "Database upgrade"`.');
  const from = options.get('from');
  const to = options.get('to');
  if (!from || !to) return fail(`Say when: \`--from 02:00 --to 04:00\` (or \`--to +2h\`). ${FUTURE_TIME_GRAMMAR}`);
  for (const [name, value] of [['--from', from] as const, ['--to', to] as const]) {
    const problem = futureTimeSyntaxProblem(value);
    if (problem) return fail(`${name}: ${problem}`);
  }
  if (!message)
    return fail('Say what customers should read: `… --title "Database upgrade" Writes pause for a few minutes.`');
  const long = tooLong('text', message, 'The message') ?? tooLong('title', title);
  if (long) return fail(long);
  const services = parseServices(options.get('services'), components);
  if (typeof services === 'string') return fail(services);
  return { ok: true, command: { name: 'maintenance_schedule', title, services, from, to, message } };
}

function parseServices(value: string | undefined, components: StatusComponents): string[] | string {
  if (value === undefined) return [];
  const ids = [
    ...new Set(
      value
        .split(',')
        .map((s) => s.trim().toLowerCase())
        .filter(Boolean),
    ),
  ];
  if (!ids.length) return '--services needs at least one component.';
  if (!components.visible.length && !components.hidden.length)
    return 'There are no components: add `services` (with their names) to the configuration file first.';
  return ids.map((id) => componentProblem(id, components)).find((p) => p !== null) ?? ids;
}

function parseUpdate(number: number, text: string, fail: (p: string) => Result): Result {
  const extracted = extractOptions(text, ['status'] as const, 'maintenance update');
  if ('problem' in extracted) return fail(extracted.problem);
  const status = extracted.options.get('status')?.toLowerCase().replaceAll('-', '_') ?? null;
  if (status !== null && !(SETTABLE_STATUSES as readonly string[]).includes(status))
    return fail(`\`${status}\` is not a maintenance status. Use one of ${SETTABLE_STATUSES.join(', ')}.`);
  const message = extracted.rest;
  if (!message)
    return fail('Say what customers should read: `maintenance update 3 --status verifying Checking replication.`');
  const long = tooLong('text', message, 'The message');
  if (long) return fail(long);
  return {
    ok: true,
    command: { name: 'maintenance_update', number, status: status as SettableStatus | null, message },
  };
}

function parseCancel(number: number, text: string, fail: (p: string) => Result): Result {
  const message = text.trim() || null;
  const long = message && tooLong('text', message, 'The message');
  if (long) return fail(long);
  return { ok: true, command: { name: 'maintenance_cancel', number, message } };
}
