import type { Config } from '../config/index.ts';
import { incidentRef } from '../domain/incident.ts';
import type { Prisma } from '../store/generated/client.ts';
import { insertTimelineEntry } from '../store/timeline.ts';
import { enqueue } from '../jobs/queue.ts';
import { postInRoom } from './effects.ts';
import { alreadyFrozen, createFreeze } from './freeze-records.ts';

type Tx = Prisma.TransactionClient;
type SeverityIncident = {
  id: string;
  number: number;
  title: string;
  isDrill: boolean;
  services: string[];
  channelId: string | null;
};

// A page at declaration waits for the room to exist (so it can link it) but never longer than this:
// Slack being down must not hold a page up. Opening the room releases it at once.
const ROOM_WAIT_MS = 30_000;

// The paging port: one page per affected service mapped to PagerDuty, keyed so a retry or a second
// upgrade never pages twice (a service already paged, or linked by a PagerDuty webhook, is skipped).
export async function requestPages(
  tx: Tx,
  config: Config,
  incident: SeverityIncident,
  level: string,
  actorId: string,
  at: Date,
) {
  const mapped = incident.services.filter((id) => config.file.services.find((s) => s.id === id)?.pagerduty);
  const note = (text: string) =>
    insertTimelineEntry(tx, {
      incidentId: incident.id,
      kind: 'page',
      text,
      actorId,
      occurredAt: at,
      recordedAt: at,
      data: { level },
    });
  if (!config.PAGERDUTY_TOKEN)
    return void (await note(`${level} pages on-call, but PagerDuty is not configured: nobody was paged`));
  if (!mapped.length)
    return void (await note(
      `${level} pages on-call, but no affected service is mapped to PagerDuty: nobody was paged`,
    ));
  const paged = new Set(
    (await tx.page.findMany({ where: { incidentId: incident.id }, select: { service: true } })).map((p) => p.service),
  );
  const targets = mapped.filter((s) => !paged.has(s));
  if (!targets.length) return;
  const runAt = incident.channelId ? at : new Date(at.getTime() + ROOM_WAIT_MS);
  await queuePages(
    tx,
    incident.id,
    targets.map((service) => ({ service, target: service, incidentKey: pageKey(incident.id, service) })),
    at,
    { level },
    runAt,
  );
  await note(`Paging requested for ${targets.join(', ')} (${level})`);
}

export const pageKey = (incidentId: string, target: string) => `incident-bot/${incidentId}/${target}`;

// The page rows and their delivery jobs, in the caller's transaction.
export async function queuePages(
  tx: Tx,
  incidentId: string,
  pages: { service: string; target: string; incidentKey: string }[],
  at: Date,
  payload: Record<string, unknown>,
  runAt = at,
) {
  await tx.page.createMany({ data: pages.map((p) => ({ incidentId, ...p, createdAt: at })), skipDuplicates: true });
  await enqueue(
    tx,
    at,
    pages.map((p) => ({
      kind: 'pagerduty.page',
      incidentId,
      runAt,
      payload: { ...payload, incidentKey: p.incidentKey },
    })),
  );
}

// The freeze port: a freeze of the incident's services (none named: all services), unless one
// from this incident already covers them.
export async function freezeForSeverity(
  tx: Tx,
  config: Config,
  incident: SeverityIncident,
  level: string,
  actorId: string,
  at: Date,
) {
  const scope = { services: incident.services, environments: [] };
  if (await alreadyFrozen(tx, incident.id, scope, at)) return;
  await createFreeze(tx, config, {
    incidentId: incident.id,
    channelId: null,
    ...scope,
    reason: `${incidentRef(incident.number)} is ${level}`,
    createdBy: actorId,
    startedAt: at,
    expiresAt: null,
    now: at,
  });
  await enqueue(tx, at, [postInRoom(incident, { type: 'level_froze_deploys', level, scope })]);
}

// What a level asks for when an incident enters it (declared at it, or upgraded into it).
export async function enterSeverity(
  tx: Tx,
  config: Config,
  incident: SeverityIncident,
  level: string,
  actorId: string,
  at: Date,
) {
  const policy = config.file.severities.find((s) => s.id === level);
  if (!policy || incident.isDrill) return;
  if (policy.page) await requestPages(tx, config, incident, level, actorId, at);
  if (policy.freeze) await freezeForSeverity(tx, config, incident, level, actorId, at);
}
