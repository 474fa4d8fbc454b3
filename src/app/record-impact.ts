import { AppError } from '../domain/errors.ts';
import { enqueue } from '../jobs/queue.ts';
import { utcTime } from '../domain/markdown.ts';
import { insertTimelineEntry } from '../store/timeline.ts';
import { postInRoom } from './effects.ts';
import type { IncidentAction } from './use-case.ts';
import { rememberServices } from './service-names.ts';

export type RecordImpactOptions = IncidentAction & {
  service: string;
  edge: 'start' | 'end';
  environment: string;
  degraded: boolean;
};

// Opens or closes one service's impact window in one environment. Starting an open window, or
// ending a closed one again, corrects its time; the replaced row stays as history (supersededAt).
export async function recordImpact({
  tx,
  clock,
  config,
  incident,
  actorId,
  occurredAt,
  service,
  edge,
  environment,
  degraded,
}: RecordImpactOptions) {
  const now = clock.now();
  await rememberServices(tx, config, [service], now);
  const where = { incidentId: incident.id, service, environment, supersededAt: null };
  const latest = await tx.impactWindow.findFirst({ where, orderBy: { startedAt: 'desc' } });
  const label = `${service} (${environment})`;
  let text: string;
  // The time a start or end corrects, kept as data (domain/timeline.ts entryText).
  let correctedFrom: Date | null = null;
  if (edge === 'start') {
    if (latest && !latest.endedAt) {
      await tx.impactWindow.update({ where: { id: latest.id }, data: { supersededAt: now } });
      text = `Impact on ${label} started`;
      correctedFrom = latest.startedAt;
    } else {
      if (latest?.endedAt && occurredAt < latest.endedAt)
        throw new AppError(
          'CONFLICT',
          `That is before the last window on ${label} ended. Correct that window's end instead.`,
        );
      text = `Impact on ${label} started${degraded ? ' (degraded)' : ' (down)'}`;
    }
    await tx.impactWindow.create({
      data: { incidentId: incident.id, service, environment, degraded, startedAt: occurredAt, recordedBy: actorId },
    });
  } else {
    if (!latest)
      throw new AppError(
        'CONFLICT',
        `No impact recorded on ${label} yet: \`/incident impact ${service} start\` first.`,
      );
    if (occurredAt < latest.startedAt)
      throw new AppError('BAD_INPUT', `The end is before the start (${utcTime(latest.startedAt)} UTC).`);
    const correcting = latest.endedAt !== null;
    await tx.impactWindow.update({ where: { id: latest.id }, data: { supersededAt: now } });
    await tx.impactWindow.create({
      data: {
        incidentId: incident.id,
        service,
        environment,
        degraded: latest.degraded,
        startedAt: latest.startedAt,
        endedAt: occurredAt,
        recordedBy: actorId,
      },
    });
    text = `Impact on ${label} ended`;
    if (correcting) correctedFrom = latest.endedAt;
  }
  await insertTimelineEntry(tx, {
    incidentId: incident.id,
    kind: 'impact',
    text,
    actorId,
    occurredAt,
    recordedAt: now,
    data: { service, environment, edge, degraded, correctedFrom: correctedFrom?.toISOString() },
  });
  await enqueue(tx, now, [
    postInRoom(incident, {
      type: 'impact_recorded',
      actorId,
      summary: text,
      correctedFrom: correctedFrom?.toISOString() ?? null,
      at: occurredAt.toISOString(),
    }),
  ]);
}
