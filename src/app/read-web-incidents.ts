// What the web view shows a signed-in person (SPEC.md "Web view"): every incident except private
// ones whose channel they are not in, which do not exist for them.
import type { BotContext } from '../context.ts';
import type { PostmortemRecord } from '../domain/postmortem/record.ts';
import { PAGE_SIZE, type WebFilters } from '../domain/web-filters.ts';
import type { Prisma } from '../store/generated/client.ts';
import { loadPostmortemRecord } from '../store/postmortem-record.ts';
import { privateChannelsOf } from './channel-members.ts';
import type { WebUser } from './web-sessions.ts';

const OPEN = ['investigating', 'identified', 'monitoring'];

export type WebIncidentRow = {
  number: number;
  title: string;
  severity: string | null;
  status: string;
  isPrivate: boolean;
  isDrill: boolean;
  services: string[];
  declaredAt: Date;
  endedAt: Date | null;
};

export type WebIncidentList = { incidents: WebIncidentRow[]; total: number; page: number; pages: number };

async function visible<T extends { isPrivate: boolean; channelId: string | null }>(
  ctx: BotContext,
  user: WebUser,
  rows: T[],
): Promise<T[]> {
  const mine = await privateChannelsOf(ctx, user.userId);
  return rows.filter((r) => !r.isPrivate || (r.channelId !== null && mine.has(r.channelId)));
}

export async function listWebIncidents(ctx: BotContext, user: WebUser, f: WebFilters): Promise<WebIncidentList> {
  const where: Prisma.IncidentWhereInput = {
    ...(f.status === 'open' ? { status: { in: OPEN } } : f.status ? { status: f.status } : {}),
    ...(f.severity ? { severity: { equals: f.severity, mode: 'insensitive' } } : {}),
    ...(f.service ? { services: { has: f.service } } : {}),
    ...(f.q ? { title: { contains: f.q, mode: 'insensitive' } } : {}),
    ...(f.drills === 'exclude' ? { isDrill: false } : f.drills === 'only' ? { isDrill: true } : {}),
    ...(f.from || f.to ? { declaredAt: { ...(f.from ? { gte: f.from } : {}), ...(f.to ? { lt: f.to } : {}) } } : {}),
  };
  const rows = await ctx.db.incident.findMany({
    where,
    orderBy: { number: 'desc' },
    select: {
      number: true,
      title: true,
      severity: true,
      status: true,
      isPrivate: true,
      isDrill: true,
      services: true,
      declaredAt: true,
      endedAt: true,
      channelId: true,
    },
  });
  const shown = await visible(ctx, user, rows);
  const pages = Math.max(1, Math.ceil(shown.length / PAGE_SIZE));
  const page = Math.min(f.page, pages);
  const incidents = shown.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE).map(({ channelId: _, ...row }) => row);
  return { incidents, total: shown.length, page, pages };
}

export type WebIncident = {
  record: PostmortemRecord;
  channelId: string | null;
  channelName: string | null;
  isPrivate: boolean;
  endedAt: Date | null;
  publicId: string | null;
  pages: { target: string; status: string; createdAt: Date }[];
};

// One incident with everything its page shows, or null when it does not exist for this person.
export async function readWebIncident(
  ctx: BotContext,
  user: WebUser,
  number: number,
  timeline: 'all' | 'none' | { skip: number; take: number } = 'all',
): Promise<WebIncident | null> {
  // Asked before the incident is even read, whatever it turns out to be (see channel-members.ts).
  const mine = await privateChannelsOf(ctx, user.userId);
  const incident = await ctx.db.incident.findUnique({
    where: { number },
    include: { publicIncident: { select: { id: true } } },
  });
  if (!incident) return null;
  if (incident.isPrivate && !(incident.channelId && mine.has(incident.channelId))) return null;
  const [record, pages] = await Promise.all([
    loadPostmortemRecord(ctx.db, incident.id, { lookbackMs: ctx.config.file.changes.lookback, timeline }),
    ctx.db.page.findMany({ where: { incidentId: incident.id }, orderBy: { createdAt: 'asc' } }),
  ]);
  return {
    record,
    channelId: incident.channelId,
    channelName: incident.channelName,
    isPrivate: incident.isPrivate,
    endedAt: incident.endedAt,
    publicId: incident.publicIncident?.id ?? null,
    pages: pages.map((p) => ({ target: p.service ?? p.target, status: p.status, createdAt: p.createdAt })),
  };
}
