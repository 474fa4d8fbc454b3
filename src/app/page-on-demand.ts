import { AppError } from '../domain/errors.ts';
import { incidentRef } from '../domain/incident.ts';
import { enqueue } from '../jobs/queue.ts';
import { insertTimelineEntry } from '../store/timeline.ts';
import { postInRoom } from './effects.ts';
import { pageKey, queuePages } from './severity-effects.ts';
import type { IncidentAction } from './use-case.ts';

export type PageOnDemandOptions = IncidentAction & { service: string | null; userId: string | null; message: string };

// `/incident page api` or `/incident page @bob`: a PagerDuty incident on the service (a person is
// paged through the incident's first mapped service, assigned to them).
export async function pageOnDemand({
  tx,
  clock,
  config,
  incident,
  actorId,
  occurredAt,
  service,
  userId,
  message,
}: PageOnDemandOptions) {
  const ref = incidentRef(incident.number);
  if (incident.isDrill) throw new AppError('CONFLICT', `${ref} is a drill: drills page nobody.`);
  if (!config.PAGERDUTY_TOKEN)
    throw new AppError(
      'NOT_CONFIGURED',
      'PagerDuty is not configured: set PAGERDUTY_TOKEN and PAGERDUTY_FROM_EMAIL, and map services to PagerDuty in the configuration file.',
    );
  const mapped = (id: string) => !!config.file.services.find((s) => s.id === id)?.pagerduty;
  const via = service ?? incident.services.find(mapped) ?? config.file.services.find((s) => s.pagerduty)?.id;
  if (!via || !mapped(via))
    throw new AppError(
      'CONFLICT',
      `${service ?? 'No service'} is not mapped to a PagerDuty service (\`pagerduty:\` in the configuration file).`,
    );
  const target = userId ? `user:${userId}` : via;
  const earlier = await tx.page.findMany({ where: { incidentId: incident.id, target } });
  const open = earlier.find((p) => !p.resolvedAt && p.status !== 'failed' && p.status !== 'cancelled');
  const who = userId ? `<@${userId}>` : via;
  if (open)
    throw new AppError(
      'CONFLICT',
      `${who} ${open.pdUrl ? `was already paged for ${ref}: ${open.pdUrl}` : 'is being paged already'}.`,
    );
  const now = clock.now();
  // A page after an earlier one was resolved needs its own key, else PagerDuty would merge them.
  const incidentKey = earlier.length
    ? `${pageKey(incident.id, target)}/${earlier.length + 1}`
    : pageKey(incident.id, target);
  await queuePages(tx, incident.id, [{ service: via, target, incidentKey }], now, { message });
  await insertTimelineEntry(tx, {
    incidentId: incident.id,
    kind: 'page',
    text: `Page requested for ${userId ? `<@${userId}>` : via}${message ? `: ${message}` : ''}`,
    actorId,
    occurredAt,
    recordedAt: now,
    data: { target },
  });
  await enqueue(tx, now, [postInRoom(incident, { type: 'paging', actorId, userId, service: via, message })]);
}
