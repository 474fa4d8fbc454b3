import type { ChangeRecord } from '../domain/changes.ts';
import { CHANGES_PAGE_SIZE, type ChangeFilters } from '../domain/change-filters.ts';
import type { Db } from '../store/database.ts';

// causeOf: the incidents that recorded it as their trigger (numbers only: a private one is not named).
export type ChangeListItem = ChangeRecord & { causeOf: number[] };
export type ChangeList = { changes: ChangeListItem[]; total: number; page: number; pages: number };

// `/changes`: the reported deploys, newest first, by the page's filters.
export async function listChanges(db: Db, f: ChangeFilters): Promise<ChangeList> {
  const where = {
    ...(f.services.length ? { service: { in: f.services } } : {}),
    ...(f.environment ? { environment: f.environment } : {}),
    ...(f.from || f.to ? { occurredAt: { ...(f.from ? { gte: f.from } : {}), ...(f.to ? { lt: f.to } : {}) } } : {}),
  };
  const [rows, total] = await Promise.all([
    db.change.findMany({
      where,
      orderBy: [{ occurredAt: 'desc' }, { recordedAt: 'desc' }],
      skip: (f.page - 1) * CHANGES_PAGE_SIZE,
      take: CHANGES_PAGE_SIZE,
      include: { causeOf: { select: { number: true, isPrivate: true } } },
    }),
    db.change.count({ where }),
  ]);
  return {
    changes: rows.map(({ causeOf, ...c }) => ({
      ...c,
      causeOf: causeOf.filter((i) => !i.isPrivate).map((i) => i.number),
    })),
    total,
    page: f.page,
    pages: Math.max(1, Math.ceil(total / CHANGES_PAGE_SIZE)),
  };
}
