import type { Config } from '../config/index.ts';
import { incidentRef } from '../domain/incident.ts';
import type { Prisma } from '../store/generated/client.ts';
import { insertTimelineEntry } from '../store/timeline.ts';
import { describeScope, nextFreezeReminder, scopeContains } from '../domain/freeze.ts';
import { escapeText } from '../domain/text.ts';
import { enqueue } from '../jobs/queue.ts';
import { activeFreezeWhere } from '../store/freezes.ts';
import { postInRoom } from './effects.ts';
import { reminderSettings } from './freeze-deploys.ts';
import { createFreeze } from './freeze-records.ts';

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
// from this incident already covers them.
export async function freezeForSeverity(tx: Tx, config: Config, incident: SeverityIncident, level: string, actorId: string, at: Date) {
  const scope = { services: incident.services, environments: [] };
  const active = await tx.freeze.findMany({ where: { incidentId: incident.id, ...activeFreezeWhere(at) } });
  if (active.some((f) => scopeContains(f, scope))) return;
  await createFreeze(tx, {
    incidentId: incident.id,
    channelId: null,
    ...scope,
    reason: `${incidentRef(incident.number)} is ${level}`,
    createdBy: actorId,
    startedAt: at,
    expiresAt: null,
    remindAt: nextFreezeReminder({ startedAt: at }, null, reminderSettings(config)),
    now: at,
  });
  await enqueue(tx, at, [postInRoom(incident.id, `:no_entry: ${level} freezes deploys: the deploy gate now refuses ${escapeText(describeScope(scope))}. \`/incident freeze allow <service>@<version> <why>\` lets a fix through.`)]);
}

// What a level asks for when an incident enters it (declared at it, or upgraded into it).
export async function enterSeverity(tx: Tx, config: Config, incident: SeverityIncident, level: string, actorId: string, at: Date) {
  const policy = config.file.severities.find((s) => s.id === level);
  if (!policy || incident.isDrill) return;
  if (policy.page) await requestPages(tx, incident, level, actorId, at);
  if (policy.freeze) await freezeForSeverity(tx, config, incident, level, actorId, at);
}
