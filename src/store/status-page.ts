import type { PublishedIncident } from '../domain/status-page/published.ts';
import type { Indicator, PublicStatus } from '../domain/status-page/states.ts';
import type { Db } from './database.ts';

export type Published = { incidents: PublishedIncident[]; firstPublished: Map<string, Date> };

// Everything the public status page is built from, and nothing else: the public tables only (no
// join to the incident, so its internal title, number, channel and people cannot come along).
export async function loadPublished(db: Db): Promise<Published> {
  const [rows, components] = await Promise.all([
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
  ]);
  return {
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
    firstPublished: new Map(components.map((c) => [c.service, c.firstPublishedAt])),
  };
}
