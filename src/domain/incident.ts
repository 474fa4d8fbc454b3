// Incident identity and lifecycle vocabulary, shared by commands, blocks and the API.
import { publicText } from './status-page/public-text.ts';

export const STATUSES = ['investigating', 'identified', 'monitoring', 'resolved'] as const;
export type Status = (typeof STATUSES)[number] | 'cancelled';
export const ROLES = ['commander', 'comms', 'scribe'] as const;
export type Role = (typeof ROLES)[number];

export const isOpenStatus = (status: string) => status !== 'resolved' && status !== 'cancelled';

export const incidentRef = (number: number) => `INC-${number}`;

// `INC-12` or `12`, as people write it in URLs and on the command line; null for anything else.
export function parseIncidentNumber(text: string): number | null {
  const match = /^(?:INC-)?(\d{1,9})$/i.exec(text);
  return match ? Number(match[1]) : null;
}

const MAX_CHANNEL_NAME = 80;

// Slack channel names: lowercase letters, digits, hyphens and underscores, at most 80 characters.
// Made from the title as people read it: Slack's escaping undone and mentions left out.
export function slugify(title: string): string {
  return publicText(title)
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

// inc-YYYYMMDD-<slug>, with "-2", "-3"... for the attempt-th name when earlier ones are taken.
export function channelNameFor(declaredAt: Date, title: string, attempt = 1): string {
  const date = declaredAt.toISOString().slice(0, 10).replaceAll('-', '');
  const suffix = attempt > 1 ? `-${attempt}` : '';
  const base = `inc-${date}`;
  const room = MAX_CHANNEL_NAME - base.length - suffix.length - 1;
  const slug = slugify(title).slice(0, room).replace(/-+$/, '');
  return slug ? `${base}-${slug}${suffix}` : `${base}${suffix}`;
}

// What rooms, lists and the header show about an incident.
export type IncidentSummary = {
  number: number;
  title: string;
  severity: string | null;
  status: string;
  isDrill: boolean;
  isPrivate: boolean;
  declaredAt: Date;
  services: string[];
  roles: { role: string; userId: string }[];
  // Active deploy freezes of the incident and the exceptions granted through them.
  freezes: { services: string[]; environments: string[]; expiresAt: Date | null }[];
  exceptions: { service: string; version: string; expiresAt: Date }[];
  // PagerDuty incidents paged for (or linked to) it.
  pages: { target: string; pdUrl: string | null; status: string }[];
  // The deploy recorded as its trigger (`/incident cause`).
  cause?: { service: string; version: string; environment: string; url: string | null } | null;
};
