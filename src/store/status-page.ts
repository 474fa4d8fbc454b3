import { randomBytes } from 'node:crypto';
import type { MaintenanceStatus } from '../domain/status-page/maintenance.ts';
import type { Published, PublishedIncident } from '../domain/status-page/published.ts';
import type { Indicator, PublicStatus } from '../domain/status-page/states.ts';
import type { Db } from './database.ts';
import type { Prisma } from './generated/client.ts';

const SITE_KEY = 'page';
// Completed maintenance stays in the JSON's "most recent" list and keeps its time out of the
// uptime bars' downtime for their 90 days.
const COMPLETED_KEPT_MS = 91 * 86_400_000;

// Opaque public ids: never a number people could count or guess from.
export const newPublicId = () => randomBytes(9).toString('base64url');

// Everything the public status page is built from, and nothing else: the public tables only (no
// join to the incident, so its internal title, number, channel and people cannot come along).
export async function loadPublished(db: Db, now: Date): Promise<Published> {
  const [rows, components, site, maintenances] = await Promise.all([
    db.publicIncident.findMany({
      select: {
        id: true,
        title: true,
        status: true,
        impact: true,
        createdAt: true,
        updatedAt: true,
        monitoringAt: true,
        resolvedAt: true,
        components: { select: { service: true, state: true } },
        updates: {
          select: { id: true, status: true, body: true, components: true, createdAt: true, displayAt: true },
        },
      },
    }),
    db.statusComponent.findMany(),
    db.statusPageSite.findUnique({ where: { key: SITE_KEY } }),
    db.maintenance.findMany({
      where: {
        status: { not: 'cancelled' },
        OR: [{ completedAt: null }, { completedAt: { gte: new Date(now.getTime() - COMPLETED_KEPT_MS) } }],
      },
      select: {
        id: true,
        title: true,
        status: true,
        services: true,
        scheduledFor: true,
        scheduledUntil: true,
        createdAt: true,
        updatedAt: true,
        startedAt: true,
        completedAt: true,
        updates: { select: { id: true, status: true, body: true, createdAt: true } },
      },
    }),
  ]);
  return {
    site: site && { publicId: site.publicId, configuredAt: site.configuredAt },
    incidents: rows.map((r) => ({
      ...r,
      status: r.status as PublicStatus,
      impact: r.impact as Indicator,
      updates: r.updates.map((u) => ({
        ...u,
        status: u.status as PublicStatus,
        components: (u.components ?? []) as PublishedIncident['updates'][number]['components'],
      })),
    })),
    maintenances: maintenances.map((m) => ({
      ...m,
      status: m.status as MaintenanceStatus,
      updates: m.updates.map((u) => ({ ...u, status: u.status as MaintenanceStatus })),
    })),
    components: new Map(
      components.map((c) => [c.service, { firstSeenAt: c.firstSeenAt, firstPublishedAt: c.firstPublishedAt }]),
    ),
  };
}

// The page and its components exist from the first start with `status_page` configured: the page's
// id is made once (replicas starting together agree on the first), components are first seen now.
export async function ensureStatusPageSite(db: Db, now: Date, services: string[]): Promise<void> {
  await db.statusPageSite.createMany({
    data: [{ key: SITE_KEY, publicId: newPublicId(), configuredAt: now }],
    skipDuplicates: true,
  });
  await db.statusComponent.createMany({
    data: services.map((service) => ({ service, firstSeenAt: now })),
    skipDuplicates: true,
  });
}

// Components on a published page from now on: their uptime bars have data from here.
export async function markComponentsPublished(tx: Prisma.TransactionClient, services: string[], now: Date) {
  await tx.statusComponent.createMany({
    data: services.map((service) => ({ service, firstSeenAt: now, firstPublishedAt: now })),
    skipDuplicates: true,
  });
  await tx.statusComponent.updateMany({
    where: { service: { in: services }, firstPublishedAt: null },
    data: { firstPublishedAt: now },
  });
}

// The key that signs subscribers' links: made once, by whichever replica asks first.
export async function linkKey(db: Db): Promise<string> {
  await db.statusPageSite.updateMany({
    where: { key: SITE_KEY, linkKey: null },
    data: { linkKey: randomBytes(32).toString('base64url') },
  });
  const site = await db.statusPageSite.findUnique({ where: { key: SITE_KEY } });
  if (!site?.linkKey) throw new Error('the status page has no row yet: is status_page configured?');
  return site.linkKey;
}
