import type { Config } from '../config/index.ts';
import { incidentRef } from '../domain/incident.ts';
import type { Prisma } from '../store/generated/client.ts';
import { insertTimelineEntry } from '../store/timeline.ts';

type Tx = Prisma.TransactionClient;
type SeverityIncident = { id: string; number: number; isDrill: boolean; services: string[] };

// The paging port: one pending page per affected service (or the incident as a whole), keyed so a
// retry or a second upgrade never pages twice. Delivery to PagerDuty reads these rows.
export async function requestPages(tx: Tx, incident: SeverityIncident, level: string, actorId: string, at: Date) {
  const targets = incident.services.length ? incident.services : ['incident'];
  const created = await tx.page.createMany({
    data: targets.map((target) => ({
      incidentId: incident.id,
      service: target === 'incident' ? null : target,
      target,
      incidentKey: `incident-bot/${incident.id}/${target}`,
      createdAt: at,
    })),
    skipDuplicates: true,
  });
  if (!created.count) return;
  await insertTimelineEntry(tx, {
    incidentId: incident.id,
    kind: 'page',
    text: `Paging requested for ${targets.join(', ')} (${level})`,
    actorId,
    occurredAt: at,
    recordedAt: at,
    data: { level, targets },
  });
}

// The freeze port: a freeze of the incident's services (none named: all services), unless one
// from this incident is already active.
export async function freezeForSeverity(tx: Tx, incident: SeverityIncident, level: string, actorId: string, at: Date) {
  const active = await tx.freeze.count({ where: { incidentId: incident.id, liftedAt: null } });
  if (active) return;
  await tx.freeze.create({
    data: { incidentId: incident.id, services: incident.services, reason: `${incidentRef(incident.number)} is ${level}`, createdBy: actorId, startedAt: at },
  });
  const scope = incident.services.length ? incident.services.join(', ') : 'all services';
  await insertTimelineEntry(tx, { incidentId: incident.id, kind: 'freeze', text: `Deploys frozen for ${scope} (${level})`, actorId, occurredAt: at, recordedAt: at, data: { level, services: incident.services } });
}

// What a level asks for when an incident enters it (declared at it, or upgraded into it).
export async function enterSeverity(tx: Tx, config: Config, incident: SeverityIncident, level: string, actorId: string, at: Date) {
  const policy = config.file.severities.find((s) => s.id === level);
  if (!policy || incident.isDrill) return;
  if (policy.page) await requestPages(tx, incident, level, actorId, at);
  if (policy.freeze) await freezeForSeverity(tx, incident, level, actorId, at);
}
