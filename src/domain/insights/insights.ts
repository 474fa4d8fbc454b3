// Every figure of the insights (SPEC.md "Insights"), from the records, pure: the web page, its CSV,
// the JSON API, the Slack summary and the weekly digest all read this one result.
//
// Which incidents count: real ones declared in the period (drills and cancelled ones never count;
// private ones count everywhere but are named only to their members). Durations are seconds,
// measured from `started` like the postmortem's key figures; a milestone before `started` gives a
// negative figure, kept; a missing one leaves the incident out of that figure's n.
import { type Figure, figureOf } from './stats.ts';
import { type Period, periodDays, weekOf, weeksOf } from './period.ts';

export type InsightIncident = {
  number: number;
  title: string;
  isPrivate: boolean;
  isDrill: boolean;
  status: string;
  severity: string | null;
  services: string[];
  declaredAt: Date;
  // Current milestones (corrections applied).
  milestones: { kind: string; occurredAt: Date }[];
  impact: { service: string; environment: string; startedAt: Date; endedAt: Date | null }[];
  statusChanges: { toStatus: string; occurredAt: Date }[];
  prompts: { askedAt: Date; answeredAt: Date | null }[];
  actionItems: { state: string; due: string | null }[];
  causeChangeId: string | null;
  // Whether the person looking may see its title and link (a member, or not private).
  visible: boolean;
};

export type InsightChange = {
  id: string;
  service: string;
  environment: string;
  version: string;
  status: string;
  occurredAt: Date;
};

export type Filters = { severity: string | null; service: string | null };

export const NO_SEVERITY = 'none';
const STAGES = ['detect', 'acknowledge', 'mitigate', 'resolve'] as const;
export type Stage = (typeof STAGES)[number];
const STAGE_MILESTONE: Record<Stage, string> = {
  detect: 'detected',
  acknowledge: 'acknowledged',
  mitigate: 'mitigated',
  resolve: 'resolved',
};

export type IncidentFigures = {
  number: number;
  title: string | null;
  visible: boolean;
  severity: string;
  services: string[];
  declaredAt: Date;
  status: string;
  stages: Record<Stage, number | null>;
  impactSeconds: number;
  cause: string | null;
};

export type ServiceDora = {
  service: string;
  // Succeeded deploys in the period (the CFR's n).
  deploys: number;
  perWeek: number;
  // Of those, how many caused an incident that counts.
  failures: number;
  changeFailureRate: number | null;
  recovery: Figure;
};

export type Insights = {
  period: Period;
  filters: Filters;
  environment: string;
  incidents: number;
  severities: string[];
  bySeverity: Record<string, number>;
  weeks: { week: Date; bySeverity: Record<string, number> }[];
  stages: { severity: string; figures: Record<Stage, Figure> }[];
  impactByService: { service: string; seconds: number; incidents: number }[];
  timeInStatus: { status: string; figure: Figure }[];
  slowest: IncidentFigures[];
  prompts: { asked: number; answered: number; answerSeconds: Figure };
  actionItems: { open: number; done: number; overdue: number };
  dora: { changesReported: boolean; services: ServiceDora[] };
  rows: IncidentFigures[];
};

export const DEFINITIONS: Record<string, string> = {
  incidents: 'Incidents declared in the period; drills and cancelled incidents are left out.',
  median: 'The nearest-rank median: the value at rank ⌈n/2⌉ of the sorted values.',
  p90: 'The nearest-rank 90th percentile: the value at rank ⌈0.9·n⌉ of the sorted values.',
  detect: 'Time to detect: from `started` (impact began) to `detected`, in seconds; negative when detected first.',
  acknowledge: 'Time to acknowledge: from `started` to `acknowledged`, in seconds.',
  mitigate: 'Time to mitigate: from `started` to `mitigated`, in seconds.',
  resolve: 'Time to resolve: from `started` to `resolved`, in seconds.',
  n: 'How many incidents a figure is computed from: those with both milestones recorded.',
  impact: 'Impact per service: the length of its impact windows within the period, down or degraded, in seconds.',
  timeInStatus:
    'Time in each status: from entering it to the next status change (or the end of the period), per incident.',
  prompts: 'Severity prompts and update nudges asked in the period; answer time from asked to answered.',
  actionItems: 'Action items of the incidents counted; overdue: open and past their due date.',
  deploys: 'Succeeded deploys reported for the service in the environment, in the period.',
  changeFailureRate:
    'Change failure rate: succeeded deploys named as the cause of a counted incident, divided by succeeded deploys.',
  recovery:
    'Failed-deployment recovery time: from impact start to its end (mitigated, else resolved) of incidents caused by a deploy of the service.',
  deploymentFrequency: 'Deployment frequency: succeeded deploys per week of the period.',
};

const seconds = (from: Date, to: Date) => Math.round((to.getTime() - from.getTime()) / 1000);
const STATUSES = ['investigating', 'identified', 'monitoring'];

export function counts(incident: Pick<InsightIncident, 'isDrill' | 'status'>): boolean {
  return !incident.isDrill && incident.status !== 'cancelled';
}

function milestoneAt(incident: InsightIncident, kind: string): Date | null {
  return incident.milestones.find((m) => m.kind === kind)?.occurredAt ?? null;
}

// Impact start: `started`, else the earliest impact window; end: `mitigated`, else `resolved`.
function recoverySeconds(incident: InsightIncident): number | null {
  const start =
    milestoneAt(incident, 'started') ??
    incident.impact.reduce<Date | null>((a, w) => (!a || w.startedAt < a ? w.startedAt : a), null);
  const end = milestoneAt(incident, 'mitigated') ?? milestoneAt(incident, 'resolved');
  return start && end ? seconds(start, end) : null;
}

function clippedSeconds(start: Date, end: Date | null, period: Period, now: Date): number {
  const from = Math.max(start.getTime(), period.from.getTime());
  const to = Math.min((end ?? now).getTime(), period.to.getTime(), now.getTime());
  return to > from ? Math.round((to - from) / 1000) : 0;
}

function figuresOf(
  incident: InsightIncident,
  period: Period,
  now: Date,
  service: string | null,
  causes: Map<string, InsightChange>,
): IncidentFigures {
  const started = milestoneAt(incident, 'started');
  const stages = Object.fromEntries(
    STAGES.map((stage) => {
      const at = milestoneAt(incident, STAGE_MILESTONE[stage]);
      return [stage, started && at ? seconds(started, at) : null];
    }),
  ) as Record<Stage, number | null>;
  const cause = incident.causeChangeId ? causes.get(incident.causeChangeId) : undefined;
  return {
    number: incident.number,
    title: incident.visible ? incident.title : null,
    visible: incident.visible,
    severity: incident.severity ?? NO_SEVERITY,
    services: [...incident.services].sort(),
    declaredAt: incident.declaredAt,
    status: incident.status,
    stages,
    impactSeconds: incident.impact
      .filter((w) => !service || w.service === service)
      .reduce((sum, w) => sum + clippedSeconds(w.startedAt, w.endedAt, period, now), 0),
    cause: cause ? `${cause.service}@${cause.version}` : null,
  };
}

// Time spent in each status, per incident: from each change to the next, the last open one to now,
// within the period.
function statusSeconds(incident: InsightIncident, period: Period, now: Date): Map<string, number> {
  const changes = [...incident.statusChanges].sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime());
  const spent = new Map<string, number>();
  changes.forEach((change, i) => {
    if (!STATUSES.includes(change.toStatus)) return;
    const end = changes[i + 1]?.occurredAt ?? null;
    const s = clippedSeconds(change.occurredAt, end, period, now);
    spent.set(change.toStatus, (spent.get(change.toStatus) ?? 0) + s);
  });
  return spent;
}

export type InsightsInput = {
  incidents: InsightIncident[];
  // Deploys in the period; `causes` adds those named as a trigger from before it (for the name).
  changes: InsightChange[];
  causes?: InsightChange[];
  period: Period;
  filters: Filters;
  // Severities as configured, worst first: the order of every table and stack.
  severities: string[];
  environment: string;
  now: Date;
};

export function computeInsights(input: InsightsInput): Insights {
  const { period, filters, now, environment } = input;
  const inPeriod = (at: Date) => at >= period.from && at < period.to;
  const causes = new Map([...(input.causes ?? []), ...input.changes].map((c) => [c.id, c]));
  const chosen = input.incidents
    .filter(counts)
    .filter((i) => inPeriod(i.declaredAt))
    .filter((i) => !filters.severity || (i.severity ?? NO_SEVERITY) === filters.severity)
    .filter((i) => !filters.service || i.services.includes(filters.service))
    .sort((a, b) => a.number - b.number);
  const rows = chosen.map((i) => figuresOf(i, period, now, filters.service, causes));
  const present = new Set(rows.map((r) => r.severity));
  const severities = [
    ...input.severities.filter((s) => present.has(s)),
    ...[...present].filter((s) => !input.severities.includes(s)).sort(),
  ];

  const bySeverity = Object.fromEntries(severities.map((s) => [s, rows.filter((r) => r.severity === s).length]));
  const weeks = weeksOf(period).map((week) => ({
    week,
    bySeverity: Object.fromEntries(
      severities.map((s) => [
        s,
        rows.filter((r) => r.severity === s && weekOf(r.declaredAt).getTime() === week.getTime()).length,
      ]),
    ),
  }));
  const stageFigures = (subset: IncidentFigures[]) =>
    Object.fromEntries(
      STAGES.map((stage) => [
        stage,
        figureOf(subset.flatMap((r) => (r.stages[stage] === null ? [] : [r.stages[stage]!]))),
      ]),
    ) as Record<Stage, Figure>;
  const stages = [
    ...severities.map((severity) => ({ severity, figures: stageFigures(rows.filter((r) => r.severity === severity)) })),
    { severity: 'all', figures: stageFigures(rows) },
  ];

  const impact = new Map<string, { seconds: number; incidents: number }>();
  for (const incident of chosen) {
    const perService = new Map<string, number>();
    for (const w of incident.impact) {
      if (filters.service && w.service !== filters.service) continue;
      perService.set(w.service, (perService.get(w.service) ?? 0) + clippedSeconds(w.startedAt, w.endedAt, period, now));
    }
    for (const [service, s] of perService) {
      const entry = impact.get(service) ?? { seconds: 0, incidents: 0 };
      impact.set(service, { seconds: entry.seconds + s, incidents: entry.incidents + 1 });
    }
  }
  const impactByService = [...impact.entries()]
    .map(([service, v]) => ({ service, ...v }))
    .sort((a, b) => b.seconds - a.seconds || a.service.localeCompare(b.service));

  const spent = chosen.map((i) => statusSeconds(i, period, now));
  const timeInStatus = STATUSES.map((status) => ({
    status,
    figure: figureOf(spent.flatMap((m) => (m.has(status) ? [m.get(status)!] : []))),
  }));

  const slowest = rows
    .filter((r) => r.stages.resolve !== null)
    .sort((a, b) => b.stages.resolve! - a.stages.resolve! || a.number - b.number)
    .slice(0, 5);

  const prompts = chosen.flatMap((i) => i.prompts);
  const answered = prompts.filter((p) => p.answeredAt);
  const today = now.toISOString().slice(0, 10);
  const items = chosen.flatMap((i) => i.actionItems).filter((a) => a.state === 'open' || a.state === 'done');

  const allCounted = input.incidents.filter(counts);
  const succeeded = input.changes.filter(
    (c) =>
      c.status === 'succeeded' &&
      c.environment === environment &&
      inPeriod(c.occurredAt) &&
      (!filters.service || c.service === filters.service),
  );
  const services = [...new Set(succeeded.map((c) => c.service))].sort();
  const weeksInPeriod = periodDays(period) / 7;
  // A deploy in the period that caused an incident counts as a failure whenever that incident was
  // declared; the severity filter does not apply to deploys.
  const dora = services.map((service): ServiceDora => {
    const deploys = succeeded.filter((c) => c.service === service);
    const ids = new Set(deploys.map((c) => c.id));
    const caused = allCounted.filter((i) => i.causeChangeId && ids.has(i.causeChangeId));
    const failures = new Set(caused.map((i) => i.causeChangeId)).size;
    return {
      service,
      deploys: deploys.length,
      perWeek: Math.round((deploys.length / weeksInPeriod) * 10) / 10,
      failures,
      changeFailureRate: deploys.length ? failures / deploys.length : null,
      recovery: figureOf(caused.flatMap((i) => recoverySeconds(i) ?? [])),
    };
  });

  return {
    period,
    filters,
    environment,
    incidents: rows.length,
    severities,
    bySeverity,
    weeks,
    stages,
    impactByService,
    timeInStatus,
    slowest,
    prompts: {
      asked: prompts.length,
      answered: answered.length,
      answerSeconds: figureOf(answered.map((p) => seconds(p.askedAt, p.answeredAt!))),
    },
    actionItems: {
      open: items.filter((a) => a.state === 'open').length,
      done: items.filter((a) => a.state === 'done').length,
      overdue: items.filter((a) => a.state === 'open' && a.due !== null && a.due < today).length,
    },
    dora: { changesReported: input.changes.length > 0, services: dora },
    rows,
  };
}
