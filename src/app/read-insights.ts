// The records the insights are computed from (domain/insights), read in one go for a period: the
// incidents declared in it with their milestones, impact, status changes, prompts and action
// items, and the deploys. Private incidents count; whether the reader may name one is decided here.
import type { BotContext } from '../context.ts';
import { computeInsights, type Filters, type InsightIncident, type Insights } from '../domain/insights/insights.ts';
import type { Period } from '../domain/insights/period.ts';
import { privateChannelsOf } from './channel-members.ts';
import { jsonRows } from '../store/json-rows.ts';

// null: a reader who is named nowhere (the bearer API, the CSV, a channel digest): private
// incidents count without a title.
export async function readInsights(
  ctx: BotContext,
  period: Period,
  filters: Filters,
  readerId: string | null,
): Promise<Insights> {
  const [incidents, changes, anyChange] = await Promise.all([
    incidentsDeclaredIn(ctx, period),
    // Deploys in the period, and any cause named by an incident (it may precede the period).
    ctx.db.change.findMany({
      where: { occurredAt: { gte: period.from, lt: period.to } },
      select: { id: true, service: true, environment: true, version: true, status: true, occurredAt: true },
    }),
    ctx.db.change.findFirst({ select: { id: true } }),
  ]);
  const known = new Set(changes.map((c) => c.id));
  const missing = [
    ...new Set(incidents.map((i) => i.causeChangeId).filter((id): id is string => !!id && !known.has(id))),
  ];
  const causes = missing.length
    ? await ctx.db.change.findMany({
        where: { id: { in: missing } },
        select: { id: true, service: true, environment: true, version: true, status: true, occurredAt: true },
      })
    : [];
  const mine =
    readerId && incidents.some((i) => i.isPrivate) ? await privateChannelsOf(ctx, readerId) : new Set<string>();
  const records: InsightIncident[] = incidents.map(({ channelId, ...i }) => ({
    ...i,
    visible: !i.isPrivate || (channelId !== null && mine.has(channelId)),
  }));
  const result = computeInsights({
    incidents: records,
    changes,
    causes,
    period,
    filters,
    severities: ctx.config.file.severities.map((s) => s.id),
    environment: ctx.config.file.insights.environment,
    now: ctx.clock.now(),
  });
  return { ...result, dora: { ...result.dora, changesReported: anyChange !== null } };
}

type Row = Omit<InsightIncident, 'visible'> & { channelId: string | null };
const at = (text: string) => new Date(text);
const maybe = (text: string | null) => (text === null ? null : new Date(text));

// The counted incidents declared in the period with what the figures need of each.
async function incidentsDeclaredIn(ctx: BotContext, period: Period): Promise<Row[]> {
  type Raw = Omit<Row, 'declaredAt' | 'milestones' | 'impact' | 'statusChanges' | 'prompts'> & {
    declaredAt: string;
    milestones: { kind: string; occurredAt: string }[];
    impact: { service: string; environment: string; startedAt: string; endedAt: string | null }[];
    statusChanges: { toStatus: string; occurredAt: string }[];
    prompts: { askedAt: string; answeredAt: string | null }[];
  };
  const raw = await jsonRows<Raw>(
    ctx.db,
    `SELECT i.number, i.title, i."isPrivate", i."isDrill", i.status, i.severity, i.services, i."declaredAt",
       i."channelId", i."causeChangeId",
       (SELECT coalesce(json_agg(json_build_object('kind', m.kind, 'occurredAt', m."occurredAt")), '[]')
          FROM "Milestone" m WHERE m."incidentId" = i.id AND m."supersededAt" IS NULL) AS milestones,
       (SELECT coalesce(json_agg(json_build_object('service', w.service, 'environment', w.environment,
            'startedAt', w."startedAt", 'endedAt', w."endedAt")), '[]')
          FROM "ImpactWindow" w WHERE w."incidentId" = i.id AND w."supersededAt" IS NULL) AS impact,
       (SELECT coalesce(json_agg(json_build_object('toStatus', c."toStatus", 'occurredAt', c."occurredAt")), '[]')
          FROM "StatusChange" c WHERE c."incidentId" = i.id) AS "statusChanges",
       (SELECT coalesce(json_agg(json_build_object('askedAt', p."askedAt", 'answeredAt', p."answeredAt")), '[]')
          FROM "Prompt" p WHERE p."incidentId" = i.id) AS prompts,
       (SELECT coalesce(json_agg(json_build_object('state', a.state, 'due', a."dueDate")), '[]')
          FROM "ActionItem" a WHERE a."incidentId" = i.id) AS "actionItems"
     FROM "Incident" i
     WHERE i."declaredAt" >= $1::timestamptz AND i."declaredAt" < $2::timestamptz
       AND NOT i."isDrill" AND i.status <> 'cancelled'`,
    period.from,
    period.to,
  );
  return raw.map((i) => ({
    ...i,
    declaredAt: at(i.declaredAt),
    milestones: i.milestones.map((m) => ({ kind: m.kind, occurredAt: at(m.occurredAt) })),
    impact: i.impact.map((w) => ({ ...w, startedAt: at(w.startedAt), endedAt: maybe(w.endedAt) })),
    statusChanges: i.statusChanges.map((c) => ({ toStatus: c.toStatus, occurredAt: at(c.occurredAt) })),
    prompts: i.prompts.map((p) => ({ askedAt: at(p.askedAt), answeredAt: maybe(p.answeredAt) })),
  }));
}
