import { formatDistanceStrict } from 'date-fns';
import { incidentRef } from '../../domain/incident.ts';
import { escapeText } from './format.ts';

export type ListedIncident = {
  number: number;
  title: string;
  severity: string | null;
  status: string;
  declaredAt: Date;
  channelId: string | null;
  isDrill: boolean;
};

export function incidentListText(incidents: ListedIncident[], now: Date): string {
  if (!incidents.length) return 'No open incidents. :sunny:';
  const lines = incidents.map((i) => {
    const where = i.channelId ? `<#${i.channelId}>` : '_channel being created_';
    const age = formatDistanceStrict(i.declaredAt, now);
    return `• *${incidentRef(i.number)}* ${i.severity ?? 'no severity'} · ${i.status} · ${age} · ${escapeText(i.title)} ${where}`;
  });
  return `*Open incidents*\n${lines.join('\n')}`;
}
