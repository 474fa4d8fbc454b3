import {
  COMPONENT_STATES,
  type ComponentState,
  isComponentState,
  isPublicStatus,
  PUBLIC_STATUSES,
  type PublicStatus,
} from '../status-page/states.ts';
import type { StatusComponents } from './command-context.ts';
import { tooLong } from './limits.ts';
import { extractOptions } from './message-options.ts';
import { closeMatches } from './service-names.ts';

export type ComponentChange = { service: string; state: ComponentState };

export const IMPACTS = ['none', 'minor', 'major', 'critical'] as const;
export type Impact = (typeof IMPACTS)[number];

export type StatuspageCommand = {
  name: 'statuspage';
  title: string | null;
  status: PublicStatus | null;
  components: ComponentChange[];
  // Set by hand; null: the impact follows the components.
  impact: Impact | null;
  message: string;
};

type Result = { ok: true; command: StatuspageCommand } | { ok: false; problem: string; topic: 'statuspage' };

const OPTIONS = ['title', 'status', 'components', 'impact'] as const;

// `/incident statuspage [--title T] [--status S] [--components svc=state,...] [--impact I] <message>`
export function parseStatuspageCommand(sub: string, afterSub: string, components: StatusComponents): Result | null {
  if (sub !== 'statuspage') return null;
  const fail = (problem: string): Result => ({ ok: false, problem, topic: 'statuspage' });
  const extracted = extractOptions(afterSub, OPTIONS, 'statuspage');
  if ('problem' in extracted) return fail(extracted.problem);
  const { options, rest } = extracted;
  const message = rest.trim();
  if (!message) return fail('Say what customers should read: `/incident statuspage We are investigating…`.');
  const long = tooLong('text', message, 'The message');
  if (long) return fail(long);

  const title = options.get('title')?.trim() ?? null;
  if (title !== null && !title) return fail('--title needs some text.');
  const longTitle = title && tooLong('title', title);
  if (longTitle) return fail(longTitle);

  const statusText = options.get('status')?.toLowerCase() ?? null;
  if (statusText !== null && !isPublicStatus(statusText))
    return fail(`\`${statusText}\` is not a status. Use one of ${PUBLIC_STATUSES.join(', ')}.`);

  const impact = options.get('impact')?.toLowerCase() ?? null;
  if (impact !== null && !(IMPACTS as readonly string[]).includes(impact))
    return fail(`\`${impact}\` is not an impact. Use one of ${IMPACTS.join(', ')}.`);

  const changes = parseComponents(options.get('components'), components);
  if (typeof changes === 'string') return fail(changes);
  return {
    ok: true,
    command: {
      name: 'statuspage',
      title,
      status: statusText,
      components: changes,
      impact: impact as Impact | null,
      message,
    },
  };
}

export function parseComponents(value: string | undefined, components: StatusComponents): ComponentChange[] | string {
  if (value === undefined) return [];
  if (!components.visible.length && !components.hidden.length)
    return 'There are no components: add `services` (with their names) to the configuration file first.';
  const changes: ComponentChange[] = [];
  for (const part of value
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const [rawService, rawState] = part.split('=', 2) as [string, string | undefined];
    const service = rawService.trim().toLowerCase();
    const state = (rawState ?? '').trim().toLowerCase().replaceAll('-', '_');
    if (!rawState) return `Give each component a state: \`${service}=major_outage\`.`;
    const unknown = componentProblem(service, components);
    if (unknown) return unknown;
    if (!isComponentState(state)) {
      const close = closeMatches(state, COMPONENT_STATES);
      const hint = close.length ? ` (did you mean ${close.join(' or ')}?)` : '';
      return `\`${rawState.trim()}\` is not a component state${hint}. Use one of ${COMPONENT_STATES.join(', ')}.`;
    }
    if (changes.some((c) => c.service === service)) return `${service} is given twice.`;
    changes.push({ service, state });
  }
  if (!changes.length) return '--components needs at least one `service=state`.';
  return changes;
}

// Why a service id is not a component people may name, or null.
export function componentProblem(service: string, components: StatusComponents): string | null {
  if (components.hidden.includes(service)) return `${service} is not on the status page (\`status_page: false\`).`;
  if (components.visible.includes(service)) return null;
  const close = closeMatches(service, components.visible);
  const hint = close.length ? ` (did you mean ${close.join(' or ')}?)` : '';
  return `Unknown component: ${service}${hint}. Components: ${components.visible.join(', ')}.`;
}
