import type { KnownBlock } from '@slack/types';
import { incidentRef, ROLES, type IncidentSummary } from '../../domain/incident.ts';
import { describeScope } from '../../domain/freeze.ts';
import { MENU_OPTIONS_MAX } from '../../domain/service-search.ts';
import { cutText, fitItems } from '../../domain/text.ts';
import { escapeText, slackDate, userMention } from './format.ts';
import { deployLabel } from '../../domain/changes.ts';

// Room for each list in the header (a section field holds 2,000 characters): a long list says how
// many more there are and links to the incident's page, where every one is shown.
const LIST_FIELD_MAX = 1_000;
const moreOnTheWeb = (web: string) => (left: number) => `and ${left} more (<${web}|on the web>)`;

export type HeaderView = IncidentSummary;

export const CLAIM_ROLE_ACTION = 'claim_role_';
export const SET_SEVERITY_ACTION = 'set_severity';

export type SeverityOption = { id: string; description: string };
// Where the incident is on the web: its page for the team, and its public incident if published.
export type HeaderLinks = { web: string; publicIncident: string | null };

export function headerText(view: HeaderView): string {
  return `${view.isDrill ? '[DRILL] ' : ''}${incidentRef(view.number)} ${view.severity ?? 'severity not set'} ${view.status}: ${view.title}`;
}

// The pinned message at the top of an incident room; edited in place whenever any of it changes.
function causeText(cause: NonNullable<HeaderView['cause']>): string {
  const name = `\`${escapeText(cutText(deployLabel(cause), 120))}\` (${escapeText(cutText(cause.environment, 40))})`;
  // A link as long as a report may send (2,000 characters) would not fit the field: then the name alone.
  const linked = cause.url ? `<${cause.url}|${name}>` : name;
  return linked.length <= LIST_FIELD_MAX ? linked : name;
}

export function headerBlocks(
  view: HeaderView,
  severities: readonly SeverityOption[],
  links: HeaderLinks,
): KnownBlock[] {
  const holder = (role: string) => view.roles.find((r) => r.role === role)?.userId;
  const blocks = headerBlockList(view, holder, severities, links);
  return blocks.filter((b) => b.type !== 'actions' || b.elements.length > 0);
}

function headerBlockList(
  view: HeaderView,
  holder: (role: string) => string | undefined,
  severities: readonly SeverityOption[],
  links: HeaderLinks,
): KnownBlock[] {
  const title = `${view.isDrill ? 'DRILL · ' : ''}${incidentRef(view.number)}: ${view.title}`;
  return [
    { type: 'header', text: { type: 'plain_text', text: cutText(title, 150), emoji: true } },
    {
      type: 'section',
      fields: [
        { type: 'mrkdwn', text: `*Severity*\n${view.severity ?? '_not set_'}` },
        { type: 'mrkdwn', text: `*Status*\n${view.status}` },
        { type: 'mrkdwn', text: `*Started*\n${slackDate(view.declaredAt)}` },
        {
          type: 'mrkdwn',
          text: `*Services*\n${view.services.length ? fitItems(view.services.map(escapeText), LIST_FIELD_MAX, ', ', moreOnTheWeb(links.web)) : '_none named_'}`,
        },
        ...ROLES.map((role) => ({
          type: 'mrkdwn' as const,
          text: `*${role[0]!.toUpperCase()}${role.slice(1)}*\n${userMention(holder(role))}`,
        })),
        { type: 'mrkdwn', text: `*Deploys*\n${deploysText(view, links.web)}` },
        ...(view.pages.length ? [{ type: 'mrkdwn' as const, text: `*Paged*\n${pagesText(view, links.web)}` }] : []),
        ...(view.cause ? [{ type: 'mrkdwn' as const, text: `*Trigger*\n${causeText(view.cause)}` }] : []),
      ],
    },
    {
      type: 'actions',
      block_id: 'claim_roles',
      elements: ROLES.filter((role) => !holder(role)).map((role) => ({
        type: 'button' as const,
        action_id: `${CLAIM_ROLE_ACTION}${role}`,
        value: role,
        text: { type: 'plain_text' as const, text: `I'll be ${role}` },
      })),
    },
    {
      type: 'actions',
      block_id: 'severity',
      elements: [
        {
          type: 'static_select',
          action_id: SET_SEVERITY_ACTION,
          placeholder: { type: 'plain_text', text: 'Change severity' },
          options: severities.slice(0, MENU_OPTIONS_MAX).map((s) => ({
            value: s.id,
            text: { type: 'plain_text' as const, text: s.id },
            description: { type: 'plain_text' as const, text: cutText(s.description, 75) },
          })),
        },
      ],
    },
    {
      type: 'context',
      elements: [
        {
          type: 'mrkdwn',
          text: `${view.isPrivate ? ':lock: Private incident · ' : ''}Type \`/incident help\` here for commands. · <${links.web}|On the web>${links.publicIncident ? ` · <${links.publicIncident}|On the status page>` : ''}`,
        },
      ],
    },
  ];
}

function deploysText(view: HeaderView, web: string): string {
  if (!view.freezes.length) return 'not frozen';
  const frozen = view.freezes.map(
    (f) => `:no_entry: frozen: ${escapeText(describeScope(f))}${f.expiresAt ? ` until ${slackDate(f.expiresAt)}` : ''}`,
  );
  const allowed = view.exceptions.map(
    (e) => `:unlock: ${escapeText(`${e.service}@${e.version}`)} allowed until ${slackDate(e.expiresAt)}`,
  );
  return fitItems([...frozen, ...allowed], LIST_FIELD_MAX, '\n', moreOnTheWeb(web));
}

function pagesText(view: HeaderView, web: string): string {
  const who = (target: string) => (target.startsWith('user:') ? `<@${target.slice(5)}>` : escapeText(target));
  const lines = view.pages.map((p) => `${p.pdUrl ? `<${p.pdUrl}|${who(p.target)}>` : who(p.target)} (${p.status})`);
  return fitItems(lines, LIST_FIELD_MAX, '\n', moreOnTheWeb(web));
}

type TopicView = Pick<IncidentSummary, 'number' | 'severity' | 'status' | 'isDrill'>;

export function channelTopic(view: TopicView): string {
  return cutText(
    `${view.isDrill ? 'DRILL ' : ''}${incidentRef(view.number)} · ${view.severity ?? 'severity not set'} · ${view.status}`,
    250,
  );
}
