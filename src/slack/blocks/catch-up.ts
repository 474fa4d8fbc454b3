import { incidentRef, ROLES, type IncidentSummary } from '../../domain/incident.ts';
import { escapeText } from '../../domain/text.ts';
import { slackDate, slackEntryText, userMention } from './format.ts';

export type CatchUpView = IncidentSummary & {
  summary: string;
  recent: { occurredAt: Date; kind: string; text: string; data?: unknown }[];
};

// What someone joining mid-incident needs first: where things stand, who is who, what was said last.
export function catchUpText(view: CatchUpView): string {
  const holder = (role: string) => view.roles.find((r) => r.role === role)?.userId;
  const lines = [
    `*Catching you up on ${view.isDrill ? 'DRILL ' : ''}${incidentRef(view.number)}: ${escapeText(view.title)}*`,
    `${view.severity ?? 'Severity not set'} · ${view.status} · started ${slackDate(view.declaredAt)}`,
    ROLES.map((r) => `${r}: ${userMention(holder(r))}`).join(' · '),
  ];
  if (view.summary) lines.push(`>${escapeText(view.summary)}`);
  if (view.recent.length) {
    lines.push('*Latest*');
    for (const entry of view.recent) lines.push(`• ${slackDate(entry.occurredAt, '{time}')} ${slackEntryText(entry)}`);
  }
  return lines.join('\n');
}
