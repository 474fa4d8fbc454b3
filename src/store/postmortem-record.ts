import { DEFAULT_LOOKBACK_MS } from '../domain/changes.ts';
import type { MilestoneKind } from '../domain/milestones.ts';
import type { PostmortemRecord } from '../domain/postmortem/record.ts';
import type { Db } from './database.ts';
import { jsonRows } from './json-rows.ts';

const date = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null);

// Everything the postmortem draft is made from, for one incident.
// `timeline`: every entry (the draft), one page of them in order (the incident's web page; a year's
// largest incident holds 10,000), or none (the chart); `timelineTotal` counts them all.
export async function loadPostmortemRecord(
  db: Db,
  incidentId: string,
  options: { lookbackMs?: number; timeline?: 'all' | 'none' | { skip: number; take: number } } = {},
): Promise<PostmortemRecord> {
  const only = options.timeline ?? 'all';
  const live = { removedAt: null };

  const incident = await db.incident.findUniqueOrThrow({
    where: { id: incidentId },
    include: {
      roles: { where: { endedAt: null } },
      milestones: { where: { supersededAt: null } },
      impactWindows: { where: { supersededAt: null } },
      severityChanges: true,
      statusChanges: true,
      _count: { select: { timeline: { where: live } } },
      freezes: { include: { exceptions: true } },
      gateDecisions: true,
      actionItems: true,
      publicIncident: { include: { updates: true } },
      causeChange: true,
    },
  });
  const timeline = only === 'none' ? [] : await loadTimeline(db, incidentId, only);
  const started = incident.milestones.find((m) => m.kind === 'started')?.occurredAt ?? incident.declaredAt;
  const changes = incident.services.length
    ? await db.change.findMany({
        where: {
          service: { in: incident.services },
          occurredAt: {
            gte: new Date(started.getTime() - (options.lookbackMs ?? DEFAULT_LOOKBACK_MS)),
            ...(incident.endedAt ? { lte: incident.endedAt } : {}),
          },
        },
        orderBy: { occurredAt: 'asc' },
        take: 500,
      })
    : [];
  const mentioned = new Set<string>([
    incident.declaredBy,
    ...(incident.postmortemOwner ? [incident.postmortemOwner] : []),
    ...incident.roles.map((r) => r.userId),
    ...incident.severityChanges.map((c) => c.changedBy),
    ...incident.statusChanges.map((c) => c.changedBy),
    ...timeline.flatMap((e) => (e.actorId ? [e.actorId] : [])),
    ...incident.freezes.flatMap((f) => [
      f.createdBy,
      ...(f.liftedBy ? [f.liftedBy] : []),
      ...f.exceptions.map((e) => e.grantedBy),
    ]),
    ...incident.actionItems.flatMap((a) => (a.ownerId ? [a.ownerId] : [])),
  ]);
  const users = await db.slackUser.findMany({ where: { id: { in: [...mentioned] } } });
  return {
    incident: { ...incident, postmortemDue: date(incident.postmortemDue) },
    people: Object.fromEntries(users.filter((u) => u.name).map((u) => [u.id, u.name!])),
    roles: incident.roles,
    milestones: incident.milestones.map((m) => ({ kind: m.kind as MilestoneKind, occurredAt: m.occurredAt })),
    impact: incident.impactWindows,
    severityChanges: incident.severityChanges,
    statusChanges: incident.statusChanges,
    timeline,
    timelineTotal: incident._count.timeline,
    freezes: incident.freezes,
    exceptions: incident.freezes.flatMap((f) => f.exceptions),
    gateDecisions: incident.gateDecisions,
    actionItems: incident.actionItems.map((a) => ({ ...a, dueDate: date(a.dueDate) })),
    changes,
    trigger: incident.causeChange,
    publicUpdates: (incident.publicIncident?.updates ?? []).map((u) => ({
      title: incident.publicIncident!.title,
      status: u.status,
      body: u.body,
      createdAt: u.createdAt,
      displayAt: u.displayAt,
    })),
  };
}

type TimelineRow = PostmortemRecord['timeline'][number];

// The entries in order, as one JSON document (a year's largest incident has 10,000).
async function loadTimeline(
  db: Db,
  incidentId: string,
  only: 'all' | { skip: number; take: number },
): Promise<TimelineRow[]> {
  const page =
    only === 'all' ? '' : `OFFSET ${Math.max(0, Math.floor(only.skip))} LIMIT ${Math.max(0, Math.floor(only.take))}`;
  const parsed = await jsonRows<
    Omit<TimelineRow, 'occurredAt' | 'recordedAt'> & { occurredAt: string; recordedAt: string }
  >(
    db,
    `SELECT id, seq, kind, text, data, "actorId", "occurredAt", "recordedAt", permalink, count
     FROM "TimelineEntry" WHERE "incidentId" = $1::uuid AND "removedAt" IS NULL
     ORDER BY "occurredAt", "recordedAt", id ${page}`,
    incidentId,
  );
  return parsed.map((e) => ({ ...e, occurredAt: new Date(e.occurredAt), recordedAt: new Date(e.recordedAt) }));
}
