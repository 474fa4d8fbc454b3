// The records the insights are computed from (domain/insights), read in one go for a period: the
// incidents declared in it with their milestones, impact, status changes, prompts and action
// items, and the deploys. Private incidents count; whether the reader may name one is decided here.
import type { BotContext } from '../context.ts';
import { dateOf } from '../domain/follow-ups.ts';
import { computeInsights, type Filters, type InsightIncident, type Insights } from '../domain/insights/insights.ts';
import type { Period } from '../domain/insights/period.ts';
import { privateChannelsOf } from './channel-members.ts';

// null: a reader who is named nowhere (the bearer API, the CSV, a channel digest): private
// incidents count without a title.
export async function readInsights(
  ctx: BotContext,
  period: Period,
  filters: Filters,
  readerId: string | null,
): Promise<Insights> {
  const current = { where: { supersededAt: null } };
  const [incidents, changes, anyChange] = await Promise.all([
    ctx.db.incident.findMany({
      where: {
        declaredAt: { gte: period.from, lt: period.to },
        isDrill: false,
        status: { not: 'cancelled' },
      },
      select: {
        number: true,
        title: true,
        isPrivate: true,
        isDrill: true,
        status: true,
        severity: true,
        services: true,
        declaredAt: true,
        channelId: true,
        causeChangeId: true,
        milestones: { ...current, select: { kind: true, occurredAt: true } },
        impactWindows: { ...current, select: { service: true, environment: true, startedAt: true, endedAt: true } },
        statusChanges: { select: { toStatus: true, occurredAt: true } },
        prompts: { select: { askedAt: true, answeredAt: true } },
        actionItems: { select: { state: true, dueDate: true } },
      },
    }),
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
  const records: InsightIncident[] = incidents.map((i) => ({
    number: i.number,
    title: i.title,
    isPrivate: i.isPrivate,
    isDrill: i.isDrill,
    status: i.status,
    severity: i.severity,
    services: i.services,
    declaredAt: i.declaredAt,
    milestones: i.milestones,
    impact: i.impactWindows,
    statusChanges: i.statusChanges,
    prompts: i.prompts,
    actionItems: i.actionItems.map((a) => ({ state: a.state, due: a.dueDate ? dateOf(a.dueDate) : null })),
    causeChangeId: i.causeChangeId,
    visible: !i.isPrivate || (i.channelId !== null && mine.has(i.channelId)),
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
