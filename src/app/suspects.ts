import type { Config } from '../config/index.ts';
import type { Clock } from '../domain/clock.ts';
import { DEFAULT_LOOKBACK_MS } from '../domain/changes.ts';
import type { ChangeFacts } from '../domain/events.ts';
import type { JobSpec } from '../jobs/queue.ts';
import type { Db } from '../store/database.ts';
import { changeFacts } from './record-deploy.ts';

// At declaration and when services are added: one message with the changes to those services.
export const showSuspects = (incidentId: string, services: string[]): JobSpec => ({
  kind: 'changes.suspects',
  incidentId,
  payload: { incidentId, services },
});

// What fits in one message; the rest is counted and linked.
const SHOWN = 15;

export type Suspects = {
  incident: { id: string; number: number; title: string; isDrill: boolean };
  since: Date;
  changes: ChangeFacts[];
  more: number;
  // Whether any deploy at all was ever reported.
  anyReported: boolean;
};

// The changes to the services in every environment from `changes.lookback` before the incident
// started (its `started` milestone, else its declaration) until now, newest first.
export async function findSuspects(
  { db, clock, config }: { db: Db; clock: Clock; config: Config },
  incidentId: string,
  services: string[],
): Promise<Suspects> {
  const incident = await db.incident.findUniqueOrThrow({ where: { id: incidentId } });
  const started = await db.milestone.findFirst({
    where: { incidentId, kind: 'started', supersededAt: null },
    orderBy: { setAt: 'desc' },
  });
  const lookback = config.file.changes?.lookback ?? DEFAULT_LOOKBACK_MS;
  const since = new Date((started?.occurredAt ?? incident.declaredAt).getTime() - lookback);
  const where = { service: { in: services }, occurredAt: { gte: since, lte: clock.now() } };
  const [rows, total, any] = await Promise.all([
    db.change.findMany({ where, orderBy: [{ occurredAt: 'desc' }, { recordedAt: 'desc' }], take: SHOWN }),
    db.change.count({ where }),
    db.change.findFirst({ select: { id: true } }),
  ]);
  return {
    incident: { id: incident.id, number: incident.number, title: incident.title, isDrill: incident.isDrill },
    since,
    changes: rows.map(changeFacts),
    more: Math.max(0, total - rows.length),
    anyReported: !!any,
  };
}
