import { AppError } from '../domain/errors.ts';
import { isOpenStatus } from '../domain/incident.ts';
import { enqueue } from '../jobs/queue.ts';
import { insertTimelineEntry } from '../store/timeline.ts';
import { postInRoom, refreshChannel, updateHeader } from './effects.ts';
import { askSeverityNow } from './prompt-schedule.ts';
import { freezeForSeverity, requestPages } from './severity-effects.ts';
import type { IncidentAction } from './use-case.ts';
import { rememberServices } from './service-names.ts';
import { showSuspects } from './suspects.ts';

export type ChangeServicesOptions = IncidentAction & { op: 'add' | 'remove'; services: string[] };

// Adding a service invites its responders (the channel refresh invites everyone who belongs).
export async function changeServices({
  tx,
  clock,
  config,
  incident,
  actorId,
  op,
  services,
  occurredAt,
}: ChangeServicesOptions) {
  const current = new Set(incident.services);
  const changed = services.filter((s) => (op === 'add' ? !current.has(s) : current.has(s)));
  if (!changed.length) {
    throw new AppError(
      'CONFLICT',
      op === 'add'
        ? `Already affected: ${services.join(', ')}.`
        : `Not among the affected services: ${services.join(', ')}.`,
    );
  }
  const next =
    op === 'add' ? [...incident.services, ...changed] : incident.services.filter((s) => !changed.includes(s));
  const now = clock.now();
  await tx.incident.update({ where: { id: incident.id }, data: { services: next } });
  if (op === 'add') await rememberServices(tx, config, changed, now);
  const verb = op === 'add' ? 'added' : 'removed';
  await insertTimelineEntry(tx, {
    incidentId: incident.id,
    kind: 'services',
    text: `Services ${verb}: ${changed.join(', ')}`,
    actorId,
    occurredAt,
    recordedAt: now,
    data: { op, services: changed, now: next },
  });
  const jobs = [
    updateHeader(incident.id),
    postInRoom(incident, { type: 'services_changed', actorId, op, changed, services: next }),
  ];
  if (op === 'add') {
    jobs.push(refreshChannel(incident.id), showSuspects(incident.id, changed));
    await askSeverityNow(tx, incident, 'services_added', now);
    // At a level that freezes deploys or pages, a service joining the incident is frozen or paged too.
    const level = config.file.severities.find((l) => l.id === incident.severity);
    if (level && !incident.isDrill && isOpenStatus(incident.status)) {
      if (level.freeze) await freezeForSeverity(tx, config, { ...incident, services: changed }, level.id, actorId, now);
      if (level.page) await requestPages(tx, config, { ...incident, services: next }, level.id, actorId, now);
    }
    if (config.PAGERDUTY_TOKEN && !incident.isDrill)
      jobs.push({ kind: 'pagerduty.invite_oncall', incidentId: incident.id, payload: { incidentId: incident.id } });
  }
  await enqueue(tx, now, jobs);
}
