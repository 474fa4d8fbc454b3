// A year of use, for `npm run bench -- insights` (and the operations issue's year bench): 2,000
// incidents over 365 days (the last 100 still open; some private, drills and cancelled), their
// milestones, impact windows, status changes, prompts, 200,000 timeline entries (the largest
// incident holds 10,000), 5,000 action items, 20,000 gate decisions and 10,000 deploys of 30
// services. Written with set-based SQL (generate_series), so a year takes seconds on either
// database; deterministic (every value derives from the row's number).
import type { Db } from '../src/store/database.ts';

export const YEAR = {
  incidents: 2_000,
  open: 100,
  services: 30,
  timelineEntries: 200_000,
  largestIncidentEntries: 10_000,
  actionItems: 5_000,
  gateDecisions: 20_000,
  deploys: 10_000,
};

const statements = (end: Date): string[] => {
  const t = `'${end.toISOString()}'::timestamptz`;
  // Incident n is declared (2000 - n) * 4.38 hours before `end`: evenly over the year.
  const declared = `${t} - ((${YEAR.incidents} - n) * interval '262.8 minutes') - interval '1 hour'`;
  const service = (expr: string) => `'svc-' || lpad(((${expr}) % ${YEAR.services} + 1)::text, 2, '0')`;
  const rest = YEAR.timelineEntries - YEAR.largestIncidentEntries;
  const perIncident = Math.floor(rest / (YEAR.incidents - 1));
  // The remainder, one more entry each for the first few.
  const extra = rest - perIncident * (YEAR.incidents - 1);
  return [
    `INSERT INTO "Incident" (id, number, title, summary, severity, status, "isPrivate", "isDrill", services,
       "channelId", "channelName", "declaredBy", "declaredAt", "endedAt", "createdAt", "updatedAt")
     SELECT gen_random_uuid(), n, 'Incident ' || n || ': elevated errors', '', 'SEV' || (n % 4),
       CASE WHEN n > ${YEAR.incidents - YEAR.open} THEN (ARRAY['investigating','identified','monitoring'])[n % 3 + 1]
            WHEN n % 50 = 7 THEN 'cancelled' ELSE 'resolved' END,
       n % 20 = 3, n % 33 = 5, ARRAY[${service('n')}, ${service('n * 7')}],
       'C' || lpad(n::text, 9, '0'), 'inc-' || n, 'U0ALICE01', ${declared},
       CASE WHEN n > ${YEAR.incidents - YEAR.open} THEN NULL ELSE ${declared} + ((n % 17 + 1) * interval '20 minutes') END,
       ${declared}, ${declared}
     FROM generate_series(1, ${YEAR.incidents}) AS n`,
    // started 10 min before declared; detected, acknowledged, mitigated, resolved after it.
    `INSERT INTO "Milestone" ("incidentId", kind, "occurredAt", "setBy", "setAt", source)
     SELECT i.id, m.kind, i."declaredAt" + m.offset_minutes * interval '1 minute' * CASE WHEN m.kind IN ('mitigated','resolved') THEN (i.number % 17 + 1) ELSE 1 END,
       'U0ALICE01', i."declaredAt", 'command'
     FROM "Incident" i
     CROSS JOIN (VALUES ('started', -10), ('detected', -7), ('acknowledged', -4), ('declared', 0),
                        ('mitigated', 10), ('resolved', 20)) AS m(kind, offset_minutes)
     WHERE m.kind NOT IN ('mitigated','resolved') OR i.status = 'resolved'`,
    `INSERT INTO "ImpactWindow" ("incidentId", service, environment, degraded, "startedAt", "endedAt", "recordedBy")
     SELECT i.id, i.services[1], 'production', i.number % 3 = 0, i."declaredAt" - interval '10 minutes',
       CASE WHEN i.status = 'resolved' THEN i."declaredAt" + (i.number % 17 + 1) * interval '10 minutes' END, 'U0ALICE01'
     FROM "Incident" i`,
    `INSERT INTO "StatusChange" ("incidentId", "fromStatus", "toStatus", "changedBy", "occurredAt", "recordedAt")
     SELECT i.id, s.from_status, s.to_status, 'U0ALICE01', i."declaredAt" + s.step * (i.number % 17 + 1) * interval '5 minutes',
       i."declaredAt" + s.step * (i.number % 17 + 1) * interval '5 minutes'
     FROM "Incident" i
     CROSS JOIN (VALUES (0, NULL, 'investigating'), (1, 'investigating', 'identified'), (2, 'identified', 'monitoring'),
                        (4, 'monitoring', 'resolved')) AS s(step, from_status, to_status)
     WHERE i.status = 'resolved' OR s.step < i.number % 3 + 1`,
    `INSERT INTO "SeverityChange" ("incidentId", "fromLevel", "toLevel", "changedBy", "occurredAt", "recordedAt")
     SELECT i.id, NULL, i.severity, 'U0ALICE01', i."declaredAt", i."declaredAt" FROM "Incident" i`,
    `INSERT INTO "Prompt" (id, "incidentId", kind, trigger, "askedAt", "answeredAt", "answeredBy", answer)
     SELECT gen_random_uuid(), i.id, 'severity', 'cadence', i."declaredAt" + k * interval '30 minutes',
       CASE WHEN (i.number + k) % 4 <> 0 THEN i."declaredAt" + k * interval '30 minutes' + ((i.number + k) % 9 + 1) * interval '1 minute' END,
       CASE WHEN (i.number + k) % 4 <> 0 THEN 'U0ALICE01' END, CASE WHEN (i.number + k) % 4 <> 0 THEN 'keep' END
     FROM "Incident" i CROSS JOIN generate_series(1, 2) AS k`,
    // The largest incident (the first) holds 10,000 entries; the others share the rest.
    `INSERT INTO "TimelineEntry" ("incidentId", seq, kind, text, "actorId", "occurredAt", "recordedAt", source)
     SELECT i.id, k, 'note', 'Looked at the dashboards again; error rate ' || (k % 97) || '%', 'U0BOB0001',
       i."declaredAt" + k * interval '7 seconds', i."declaredAt" + k * interval '7 seconds', 'command'
     FROM "Incident" i
     CROSS JOIN LATERAL generate_series(1, CASE WHEN i.number = 1 THEN ${YEAR.largestIncidentEntries}
       WHEN i.number <= ${1 + extra} THEN ${perIncident + 1} ELSE ${perIncident} END) AS k`,
    `INSERT INTO "ActionItem" (id, "incidentId", seq, text, "ownerId", priority, "dueDate", state, "createdBy", "createdAt")
     SELECT gen_random_uuid(), i.id, k, 'Follow-up ' || k || ' of incident ' || i.number,
       (ARRAY['U0ALICE01','U0BOB0001','U0CAROL01'])[(i.number + k) % 3 + 1],
       (ARRAY['urgent','high','medium','low'])[(i.number + k) % 4 + 1],
       (i."declaredAt" + interval '14 days')::date,
       CASE WHEN (i.number + k) % 3 = 0 THEN 'open' ELSE 'done' END, 'U0ALICE01', i."declaredAt"
     FROM "Incident" i CROSS JOIN LATERAL generate_series(1, CASE WHEN i.number % 2 = 0 THEN 3 ELSE 2 END) AS k`,
    `INSERT INTO "Change" (id, service, environment, version, status, pipeline, "occurredAt", "recordedAt", key, source)
     SELECT gen_random_uuid(), ${service('d')}, CASE WHEN d % 5 = 0 THEN 'staging' ELSE 'production' END,
       'v' || d, CASE WHEN d % 23 = 0 THEN 'failed' ELSE 'succeeded' END, 'ci',
       ${t} - ((${YEAR.deploys} - d) * interval '52.56 minutes'), ${t} - ((${YEAR.deploys} - d) * interval '52.56 minutes'),
       'ci:' || d, 'api'
     FROM generate_series(1, ${YEAR.deploys}) AS d`,
    // One in five incidents was caused by the deploy of its first service just before it.
    `UPDATE "Incident" i SET "causeChangeId" = (
       SELECT c.id FROM "Change" c WHERE c.service = i.services[1] AND c.environment = 'production'
         AND c.status = 'succeeded' AND c."occurredAt" <= i."declaredAt" ORDER BY c."occurredAt" DESC LIMIT 1)
     WHERE i.number % 5 = 0`,
    `INSERT INTO "GateDecision" (service, environment, version, pipeline, allowed, reason, count, "firstAt", "lastAt")
     SELECT ${service('g')}, 'production', 'v' || g, 'ci', g % 4 <> 0, CASE WHEN g % 4 = 0 THEN 'frozen' ELSE 'open' END,
       g % 5 + 1, ${t} - ((${YEAR.gateDecisions} - g) * interval '26 minutes'), ${t} - ((${YEAR.gateDecisions} - g) * interval '26 minutes')
     FROM generate_series(1, ${YEAR.gateDecisions}) AS g`,
    `INSERT INTO "RoleAssignment" (id, "incidentId", role, "userId", "assignedBy", "assignedAt")
     SELECT gen_random_uuid(), i.id, 'commander', 'U0ALICE01', 'U0ALICE01', i."declaredAt" FROM "Incident" i`,
    `INSERT INTO "Participant" ("incidentId", "userId", "joinedAt")
     SELECT i.id, u, i."declaredAt" FROM "Incident" i CROSS JOIN unnest(ARRAY['U0ALICE01','U0BOB0001']) AS u`,
    // 90 days of published status history: each public incident of that time (the non-private,
    // real ones) told customers in three updates, on its first service.
    `INSERT INTO "StatusComponent" (service, "firstSeenAt", "firstPublishedAt")
     SELECT 'svc-' || lpad(s::text, 2, '0'), ${t} - interval '400 days', ${t} - interval '400 days'
     FROM generate_series(1, ${YEAR.services}) AS s`,
    `INSERT INTO "PublicIncident" (id, "incidentId", title, status, impact, "createdAt", "updatedAt", "monitoringAt", "resolvedAt")
     SELECT 'pub' || i.number, i.id, 'Elevated errors on ' || i.services[1],
       CASE WHEN i.status = 'resolved' THEN 'resolved' ELSE 'investigating' END, 'major', i."declaredAt", i."declaredAt",
       CASE WHEN i.status = 'resolved' THEN i."declaredAt" + interval '30 minutes' END,
       CASE WHEN i.status = 'resolved' THEN i."endedAt" END
     FROM "Incident" i
     WHERE i."declaredAt" > ${t} - interval '90 days' AND NOT i."isPrivate" AND NOT i."isDrill" AND i.status <> 'cancelled'`,
    `INSERT INTO "PublicUpdate" (id, "publicIncidentId", status, body, components, "actorId", "createdAt", "displayAt")
     SELECT p.id || '-' || u.step, p.id, u.status, 'We are looking into elevated errors.',
       jsonb_build_array(jsonb_build_object('service', i.services[1], 'from', u.from_state, 'to', u.to_state)),
       'U0ALICE01', p."createdAt" + u.step * interval '15 minutes', p."createdAt" + u.step * interval '15 minutes'
     FROM "PublicIncident" p JOIN "Incident" i ON i.id = p."incidentId"
     CROSS JOIN (VALUES (0, 'investigating', 'operational', 'major_outage'), (2, 'monitoring', 'major_outage', 'degraded_performance'),
                        (4, 'resolved', 'degraded_performance', 'operational')) AS u(step, status, from_state, to_state)
     WHERE u.status <> 'resolved' OR p.status = 'resolved'`,
    `INSERT INTO "PublicComponentState" ("publicIncidentId", service, state, "updatedAt")
     SELECT p.id, i.services[1], CASE WHEN p.status = 'resolved' THEN 'operational' ELSE 'major_outage' END, p."updatedAt"
     FROM "PublicIncident" p JOIN "Incident" i ON i.id = p."incidentId"`,
    // The counters numbers are taken from, where the rows above left them.
    `INSERT INTO "Counter" (name, value) SELECT 'incident', max(number) FROM "Incident"`,
    `INSERT INTO "Counter" (name, value) SELECT 'timeline:' || "incidentId", max(seq) FROM "TimelineEntry" GROUP BY "incidentId"`,
    `INSERT INTO "Counter" (name, value) SELECT 'action:' || "incidentId", max(seq) FROM "ActionItem" GROUP BY "incidentId"`,
    'ANALYZE',
  ];
};

// Every incident's pinned header is this message in its room (a fake Slack holds it where needed).
export const HEADER_TS = '1700000000.000100';

export async function generateYear(db: Db, end: Date): Promise<void> {
  for (const sql of statements(end)) await db.$executeRawUnsafe(sql);
  await db.$executeRawUnsafe(`UPDATE "Incident" SET "headerTs" = '${HEADER_TS}'`);
}
