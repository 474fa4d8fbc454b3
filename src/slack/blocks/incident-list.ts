import { formatDistanceStrict } from 'date-fns';
import { incidentRef } from '../../domain/incident.ts';
import { fitItems } from '../../domain/text.ts';
import { ANSWER_MAX, escapeText } from './format.ts';

export type ListedIncident = {
  number: number;
  title: string;
  severity: string | null;
  status: string;
  declaredAt: Date;
  channelId: string | null;
  isDrill: boolean;
};

// `listUrl`: the open incidents on the web, where a list too long for one answer continues.
export function incidentListText(incidents: ListedIncident[], now: Date, listUrl: string): string {
  if (!incidents.length) return 'No open incidents. :sunny:';
  const lines = incidents.map((i) => {
    const where = i.channelId ? `<#${i.channelId}>` : '_channel being created_';
    const age = formatDistanceStrict(i.declaredAt, now);
    return `• *${incidentRef(i.number)}* ${i.severity ?? 'no severity'} · ${i.status} · ${age} · ${escapeText(i.title)} ${where}`;
  });
  const more = (left: number) => `…and ${left} more: <${listUrl}|every open incident on the web>`;
  return `*Open incidents* (${incidents.length})\n${fitItems(lines, ANSWER_MAX, '\n', more)}`;
}
