import type { ActionItemFacts, ChangeFacts, IncidentEvent, IncidentFacts } from '../../domain/events.ts';
import { describeScope } from '../../domain/freeze.ts';
import { incidentRef } from '../../domain/incident.ts';
import { escapeText, slackDate } from '../blocks/format.ts';
import { changeStatusWords, deployLabel } from '../../domain/changes.ts';

// Slack's words for what happened (src/domain/events.ts): in the incident's room, or in the
// channel a freeze outside any incident was set in, and in the announcements channel.

type Of<T extends IncidentEvent['type']> = Extract<IncidentEvent, { type: T }>;
type Wording = { [T in IncidentEvent['type']]: (event: Of<T>, incident: IncidentFacts | null) => string };

const ref = (incident: IncidentFacts | null) => (incident ? incidentRef(incident.number) : 'the incident');
const drill = (incident: IncidentFacts | null) => (incident?.isDrill ? '[DRILL] ' : '');
const why = (reason: string) => (reason ? `: ${escapeText(reason)}` : '');
const change = (e: Of<'severity_changed'>) => `${e.from ?? 'no severity'} → ${e.to}`;
const arrow = (e: Of<'severity_changed'>) => (e.direction === 'upgrade' ? ':arrow_up:' : ':arrow_down:');
const upgraded = (e: Of<'severity_changed'>) => (e.direction === 'upgrade' ? 'upgraded' : 'downgraded');
const until = (at: string | null) => (at ? ` until ${slackDate(new Date(at))}` : '');
const FIX_HINT = '`/incident freeze allow <service>@<version> <why>` lets a fix through.';
const ITEM_VERB = { done: 'completed', reopen: 'reopened', remove: 'removed' } as const;

// "api@4f2a9c1 to production *failed* 18:09 (github) <link>"
export function changeLine(c: ChangeFacts): string {
  const link = c.url ? ` <${c.url}|details>` : '';
  return `\`${escapeText(deployLabel(c))}\` to ${escapeText(c.environment)} *${changeStatusWords(c.status)}* ${slackDate(new Date(c.at))} (${escapeText(c.pipeline)})${link}`;
}

export function describeItem(item: Omit<ActionItemFacts, 'seq' | 'text'>): string {
  return [
    item.ownerId ? `owner <@${item.ownerId}>` : 'no owner yet',
    item.priority,
    item.due ? `due ${item.due}` : null,
    item.theme ? `theme ${item.theme}` : null,
  ]
    .filter(Boolean)
    .join(', ');
}

const updateText = (e: Of<'update_posted'>, incident: IncidentFacts | null) =>
  `*Update on ${drill(incident)}${ref(incident)}* (${e.severity ?? 'no severity'}, ${e.status}) from <@${e.actorId}>:\n${escapeText(e.text)}`;

const ROOM: Wording = {
  severity_changed: (e) => `${arrow(e)} <@${e.actorId}> ${upgraded(e)} the severity ${change(e)}${why(e.reason)}`,
  status_changed: (e) => `<@${e.actorId}> set the status to *${e.to}*${why(e.message)}`,
  cancelled: (e, incident) => `<@${e.actorId}> cancelled ${ref(incident)}${why(e.reason)}`,
  reopened: (e, incident) => `<@${e.actorId}> reopened ${ref(incident)}${why(e.reason)}`,
  update_posted: updateText,
  status_published: (e) => {
    const what = e.first ? `published *${escapeText(e.title)}* on the status page` : 'updated the status page';
    const renamed = e.renamed ? ` (now titled *${escapeText(e.title)}*)` : '';
    const components = e.components.length
      ? `\nComponents: ${e.components.map((c) => `${c.service} ${c.to.replaceAll('_', ' ')}`).join(', ')}`
      : '';
    const link = e.url ? `\n<${e.url.replace(/\/$/, '')}/status/incidents/${e.publicId}|View it as customers do>` : '';
    return `:globe_with_meridians: <@${e.actorId}> ${what}${renamed} (*${e.status}*):\n>${escapeText(e.body).replaceAll('\n', '\n>')}${components}${link}`;
  },
  incident_edited: (e) => `<@${e.actorId}> changed the ${e.field} to: ${escapeText(e.text)}`,
  services_changed: (e) =>
    `<@${e.actorId}> ${e.op === 'add' ? 'added' : 'removed'} ${e.changed.join(', ')} (affected now: ${e.services.join(', ') || 'none'})`,
  role_assigned: (e) =>
    `<@${e.userId}> is now the ${e.role}${e.actorId === e.userId ? '' : ` (assigned by <@${e.actorId}>)`}.`,
  milestone_marked: (e) =>
    `<@${e.actorId}> marked *${e.milestone}* at ${slackDate(new Date(e.at))}${e.corrected ? ' (corrected)' : ''}`,
  impact_recorded: (e) => {
    const corrected = e.correctedFrom ? `: corrected from ${slackDate(new Date(e.correctedFrom))}` : '';
    return `<@${e.actorId}>: ${escapeText(e.summary)}${corrected} at ${slackDate(new Date(e.at))}`;
  },
  action_item_added: ({ actorId, item }) =>
    `:memo: <@${actorId}> added action item *#${item.seq}*: ${escapeText(item.text)} (${describeItem(item)})`,
  action_item_state: (e) => `<@${e.actorId}> ${ITEM_VERB[e.op]} action item *#${e.seq}*: ${escapeText(e.text)}`,
  postmortem_done: (e) => `:white_check_mark: <@${e.actorId}> marked the postmortem done.`,
  action_item_edited: ({ actorId, item, alreadyFiled }) =>
    `<@${actorId}> edited action item *#${item.seq}*: ${escapeText(item.text)} (${describeItem(item)})${alreadyFiled ? ' (filed in Linear: its state, assignee and due date follow the Linear issue, so change them there)' : ''}`,
  postmortem_details_set: (e) => {
    const what = [e.ownerId ? `owner <@${e.ownerId}>` : null, e.due ? `due ${e.due}` : null].filter(Boolean);
    return `<@${e.actorId}> set the postmortem's ${what.join(', ')}.`;
  },
  action_items_filing: (e) =>
    `<@${e.actorId}> is filing ${e.seqs.length} action item${e.seqs.length === 1 ? '' : 's'} to Linear (${e.seqs.map((s) => `#${s}`).join(', ')}).`,
  paging: (e) =>
    `:pager: <@${e.actorId}> is paging ${e.userId ? `<@${e.userId}>` : e.service} through PagerDuty${why(e.message)}`,
  pagerduty_resolved_too: (_e, incident) => `PagerDuty resolved its incident for ${ref(incident)} too.`,
  level_froze_deploys: (e) =>
    `:no_entry: ${e.level} freezes deploys: the deploy gate now refuses ${escapeText(describeScope(e.scope))}. ${FIX_HINT}`,
  deploys_frozen: (e) =>
    `:no_entry: <@${e.actorId}> froze deploys of ${escapeText(describeScope(e.scope))}${until(e.until)}${why(e.reason)}. The deploy gate refuses them; ${FIX_HINT}`,
  deploys_unfrozen: (e) => `:white_check_mark: <@${e.actorId}>: ${escapeText(e.summary)}`,
  exception_granted: (e) =>
    `:unlock: <@${e.actorId}> let \`${escapeText(`${e.service}@${e.version}`)}\` through the freeze${until(e.until)}: ${escapeText(e.reason)}`,
  exception_revoked: (e) =>
    `:lock: <@${e.actorId}> revoked the exception for \`${escapeText(`${e.service}@${e.version}`)}\`: the deploy gate refuses it again.`,
  deploy_reported: (e) => {
    const through = e.exception
      ? `\nIt went through the freeze on the exception <@${e.exception.grantedBy}> granted: ${escapeText(e.exception.reason)}`
      : '';
    return `:x: Deploy of ${changeLine(e.change)}${through}`;
  },
  suspects: (e) => {
    if (!e.changes.length)
      return `:mag: No deploys of the affected services were reported since ${slackDate(new Date(e.since))}.`;
    const more = e.more ? `\n…and ${e.more} more${e.listUrl ? `: <${e.listUrl}|all changes>` : ''}` : '';
    return `:mag: *Changes to the affected services since ${slackDate(new Date(e.since))}* (newest first; \`/incident cause <service>@<version>\` records the trigger):\n${e.changes.map((c) => `• ${changeLine(c)}`).join('\n')}${more}`;
  },
  action_items_done: (_e, incident) =>
    `:white_check_mark: Every action item of ${ref(incident)} is done (followed from Linear). Thank you all.`,
  cause_set: (e) =>
    e.change
      ? `:dart: <@${e.actorId}> recorded the trigger: deploy of ${changeLine(e.change)}`
      : `<@${e.actorId}> cleared the recorded trigger.`,
};

// Announcements speak to people outside the room: they name the incident and its title.
const ANNOUNCED: Partial<Wording> = {
  severity_changed: (e, incident) =>
    `${arrow(e)} ${drill(incident)}${ref(incident)} ${upgraded(e)} ${change(e)}: ${escapeText(incident?.title ?? '')}${why(e.reason)}`,
  status_changed: (e, incident) => {
    const what = e.to === 'resolved' ? 'resolved' : `reopened (${e.to})`;
    return `${drill(incident)}${ref(incident)} ${what}: ${escapeText(incident?.title ?? '')}`;
  },
  cancelled: (e, incident) => `${ref(incident)} was cancelled${why(e.reason)}`,
  reopened: (e, incident) => `${ref(incident)} was reopened${why(e.reason)}: ${escapeText(incident?.title ?? '')}`,
  update_posted: updateText,
  deploys_frozen: (e, incident) => {
    const source = incident ? ` for ${ref(incident)}: ${escapeText(incident.title)}` : '';
    return `:no_entry: Deploys of ${escapeText(describeScope(e.scope))} are frozen${until(e.until)}${source}${why(e.reason)}`;
  },
  deploys_unfrozen: (e, incident) =>
    `:white_check_mark: ${incident ? `${ref(incident)}: ` : ''}${escapeText(e.summary)}`,
};

export function roomText(event: IncidentEvent, incident: IncidentFacts | null): string {
  return (ROOM[event.type] as (e: IncidentEvent, i: IncidentFacts | null) => string)(event, incident);
}

export function announcementText(event: IncidentEvent, incident: IncidentFacts | null): string {
  const word = (ANNOUNCED[event.type] ?? ROOM[event.type]) as (e: IncidentEvent, i: IncidentFacts | null) => string;
  return word(event, incident);
}
