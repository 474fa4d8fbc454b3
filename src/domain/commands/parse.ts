import type { PromptAnswer } from '../prompts.ts';
import { extractAt } from './at-flag.ts';
import type { CommandContext } from './command-context.ts';
import { parseFreezeCommand, type FreezeCommand } from './freeze-commands.ts';
import { parseLifecycle, type LifecycleCommand } from './lifecycle.ts';
import { parsePagingCommand, type PagingCommand } from './paging-commands.ts';
import { parsePostmortemCommand, type PostmortemCommand } from './postmortem-commands.ts';
import { parseTimelineCommand, type TimelineCommand } from './timeline-commands.ts';
import { parseStatuspageCommand, type StatuspageCommand } from './statuspage-command.ts';
import { type MaintenanceCommand, parseMaintenanceCommand } from './maintenance-command.ts';
import { parseSubscribersCommand, type SubscribersCommand } from './subscribers-command.ts';
import { type CauseCommand, parseCauseCommand } from './cause-command.ts';
import { splitFlags, tokenize, type SplitArgs } from './tokenize.ts';
import { usageFor } from './usage.ts';
import { parsePeriodWords } from '../insights/period.ts';
import { tooLong } from './limits.ts';
import { serviceNamesProblem } from './service-names.ts';

export type DeclareCommand = {
  name: 'declare';
  title: string | null;
  severity: string | null;
  services: string[];
  isPrivate: boolean;
  isDrill: boolean;
  summary?: string;
};

// Commands that come from buttons rather than typed text.
export type ButtonCommand =
  | { name: 'answer_prompt'; promptId: string; answer: PromptAnswer }
  // [Lift the freeze] / [Keep it] asked when the incident ends or leaves a freezing level.
  | { name: 'answer_freeze_prompt'; promptId: string; lift: boolean }
  // [Resolve] / [Keep it open] asked when PagerDuty resolved a linked incident.
  | { name: 'answer_resolve_prompt'; promptId: string; resolve: boolean }
  // [Post "resolved"] / [Not now] asked when an incident ends while its public incident is open.
  | { name: 'answer_statuspage_prompt'; promptId: string; publish: boolean }
  // [Done] / [Snooze a week] on one of the owner's action items (a reminder, the App Home).
  | { name: 'follow_up'; itemId: string; op: 'done' | 'snooze' };

export type Command =
  | DeclareCommand
  | LifecycleCommand
  | TimelineCommand
  | FreezeCommand
  | PostmortemCommand
  | PagingCommand
  | StatuspageCommand
  | MaintenanceCommand
  | SubscribersCommand
  | CauseCommand
  | ButtonCommand
  | { name: 'web'; logout: boolean }
  // `30d`, `90d`, `2026-01-01..2026-03-31` or nothing (30 days); read against the clock when run.
  | { name: 'insights'; period: string }
  | { name: 'help' }
  | { name: 'list' };

// `at` is the raw `--at` time when one was given: its form is checked here, its meaning (the
// user's time zone, "now") when the command runs.
export type ParseResult = { ok: true; command: Command; at: string | null } | { ok: false; message: string };

const fail = (problem: string, topic?: string): ParseResult => ({
  ok: false,
  message: `${problem}\n\n${usageFor(topic)}`,
});

export function parseCommand(text: string, context: CommandContext): ParseResult {
  const at = extractAt(text);
  if ('error' in at) return fail(at.error);
  const parsed = parseWithoutAt(at.text, context);
  if (!parsed.ok) return parsed;
  const c = parsed.command;
  if (
    at.at &&
    (c.name === 'help' ||
      c.name === 'list' ||
      c.name === 'web' ||
      c.name === 'timeline' ||
      c.name === 'actions' ||
      c.name === 'actions_mine' ||
      c.name === 'insights' ||
      c.name === 'oncall' ||
      c.name.startsWith('maintenance_') ||
      c.name.startsWith('subscribers_'))
  )
    return fail(`\`/incident ${c.name}\` takes no --at.`);
  const leading =
    c.name === 'note' || c.name === 'mark' || c.name === 'impact' || c.name === 'edit_entry' ? c.time : null;
  if (at.at && leading) return fail('Give the time once: at the start or with --at.', c.name);
  return { ...parsed, at: at.at ?? leading };
}

function parseWithoutAt(text: string, context: CommandContext): ParseResult {
  const tokens = tokenize(text.trim());
  const [first, ...rest] = tokens;
  const sub = first?.toLowerCase();
  if (sub === undefined) return parseDeclare([], context);
  if (sub === 'help') return { ok: true, command: { name: 'help' }, at: null };
  if (sub === 'list')
    return rest.length
      ? fail('`/incident list` takes no arguments.', 'list')
      : { ok: true, command: { name: 'list' }, at: null };
  if (sub === 'declare') return parseDeclare(rest, context);
  if (sub === 'insights') {
    const period = rest.join(' ');
    // Its form is checked here (no clock needed); its days are read against the clock when it runs.
    const checked = parsePeriodWords(period, new Date(0));
    if ('problem' in checked) return fail(checked.problem, 'insights');
    return { ok: true, command: { name: 'insights', period }, at: null };
  }
  if (sub === 'web') {
    const logout = rest.length === 1 && rest[0]!.toLowerCase() === 'logout';
    if (rest.length && !logout) return fail('`/incident web` takes nothing, or `logout`.', 'web');
    return { ok: true, command: { name: 'web', logout }, at: null };
  }
  const afterSub = text.trim().slice(first!.length);
  const lifecycle = parseLifecycle(sub, afterSub, rest, context);
  if (lifecycle?.ok) return { ok: true, command: lifecycle.command, at: null };
  if (lifecycle) return fail(lifecycle.problem, lifecycle.topic);
  const freeze = parseFreezeCommand(sub, rest, context.services);
  if (freeze?.ok) return { ok: true, command: freeze.command, at: null };
  if (freeze) return fail(freeze.problem, freeze.topic);
  const paging = parsePagingCommand(sub, rest, context.services);
  if (paging?.ok) return { ok: true, command: paging.command, at: null };
  if (paging) return fail(paging.problem, paging.topic);
  const postmortem = parsePostmortemCommand(sub, rest);
  if (postmortem?.ok) return { ok: true, command: postmortem.command, at: null };
  if (postmortem) return fail(postmortem.problem, postmortem.topic);
  const components = context.statusComponents ?? { visible: context.services, hidden: [] };
  const cause = parseCauseCommand(sub, rest);
  if (cause?.ok) return { ok: true, command: cause.command, at: null };
  if (cause) return fail(cause.problem, cause.topic);
  const subscribers = parseSubscribersCommand(sub, rest, components);
  if (subscribers?.ok) return { ok: true, command: subscribers.command, at: null };
  if (subscribers) return fail(subscribers.problem, subscribers.topic);
  const maintenance = parseMaintenanceCommand(sub, afterSub, components);
  if (maintenance?.ok) return { ok: true, command: maintenance.command, at: null };
  if (maintenance) return fail(maintenance.problem, maintenance.topic);
  const statuspage = parseStatuspageCommand(sub, afterSub, components);
  if (statuspage?.ok) return { ok: true, command: statuspage.command, at: null };
  if (statuspage) return fail(statuspage.problem, statuspage.topic);
  const timeline = parseTimelineCommand(sub, afterSub, context.services);
  if (timeline?.ok) return { ok: true, command: timeline.command, at: null };
  if (timeline) return fail(timeline.problem, timeline.topic);
  return fail(`I don't know \`${first}\`.`);
}

function parseDeclare(tokens: string[], context: CommandContext): ParseResult {
  const split = splitFlags(tokens, new Set(['private', 'drill']));
  if ('error' in split) return fail(split.error, 'declare');
  const unknown = [...split.flags.keys()].find((f) => !['sev', 'services', 'private', 'drill'].includes(f));
  if (unknown) return fail(`\`--${unknown}\` is not an option of declare.`, 'declare');

  const severity = parseSeverity(split, context);
  if (typeof severity === 'object' && severity) return severity;
  const services = parseServices(split.flags.get('services'), context);
  if (!Array.isArray(services)) return services;

  const title = split.words.join(' ').trim();
  const long = tooLong('title', title);
  if (long) return fail(long, 'declare');
  return {
    ok: true,
    command: {
      name: 'declare',
      title: title || null,
      severity: severity as string | null,
      services,
      isPrivate: split.flags.has('private'),
      isDrill: split.flags.has('drill'),
    },
    at: null,
  };
}

function parseSeverity(split: SplitArgs, context: CommandContext): string | null | ParseResult {
  const value = split.flags.get('sev');
  if (value === undefined) return null;
  const wanted = String(value).toUpperCase();
  const match = context.severities.find((s) => s.toUpperCase() === wanted || s.toUpperCase() === `SEV${wanted}`);
  return match ?? fail(`\`${value}\` is not a severity. Use one of ${context.severities.join(', ')}.`, 'declare');
}

export function parseServices(value: string | true | undefined, context: CommandContext): string[] | ParseResult {
  if (value === undefined) return [];
  const ids = [
    ...new Set(
      String(value)
        .split(',')
        .map((s) => s.trim().toLowerCase())
        .filter(Boolean),
    ),
  ];
  const problem = serviceNamesProblem(ids, context.services);
  return problem ? fail(problem, 'declare') : ids;
}
