// The insights as the JSON API and the CSV give them: every figure with its n and definition; one
// CSV row per incident. Private incidents are counted, their titles left blank.
import { DEFINITIONS, type Insights, type Stage } from './insights.ts';
import type { Figure } from './stats.ts';

const STAGES: Stage[] = ['detect', 'acknowledge', 'mitigate', 'resolve'];
const day = (d: Date) => d.toISOString().slice(0, 10);
const figure = (f: Figure) => ({ n: f.n, median_seconds: f.median, p90_seconds: f.p90 });

export function insightsJson(i: Insights) {
  return {
    period: { from: day(i.period.from), to: day(new Date(i.period.to.getTime() - 1)) },
    filters: i.filters,
    definitions: DEFINITIONS,
    incidents: { n: i.incidents, by_severity: i.bySeverity },
    weeks: i.weeks.map((w) => ({ week: day(w.week), by_severity: w.bySeverity })),
    time_to: Object.fromEntries(
      i.stages.map(({ severity, figures }) => [
        severity,
        Object.fromEntries(STAGES.map((s) => [s, figure(figures[s])])),
      ]),
    ),
    impact_by_service: i.impactByService,
    time_in_status: Object.fromEntries(i.timeInStatus.map((s) => [s.status, figure(s.figure)])),
    slowest: i.slowest.map((r) => ({
      number: r.visible ? r.number : null,
      title: r.title,
      severity: r.severity,
      resolve_seconds: r.stages.resolve,
    })),
    prompts: { asked: i.prompts.asked, answered: i.prompts.answered, answer: figure(i.prompts.answerSeconds) },
    action_items: i.actionItems,
    dora: {
      environment: i.environment,
      changes_reported: i.dora.changesReported,
      services: i.dora.services.map((s) => ({
        service: s.service,
        deploys: s.deploys,
        deploys_per_week: s.perWeek,
        failures: s.failures,
        change_failure_rate: s.changeFailureRate,
        recovery: figure(s.recovery),
      })),
    },
  };
}

// A spreadsheet must never run what a title says: a cell starting with = + - @ (or a tab or a
// carriage return) is read as text (OWASP's CSV injection advice), and quotes are doubled.
function cell(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function insightsCsv(i: Insights): string {
  const header = [
    'number',
    'title',
    'declared_at',
    'severity',
    'services',
    'status',
    ...STAGES.map((s) => `time_to_${s}_seconds`),
    'impact_seconds',
    'cause',
  ];
  const lines = i.rows.map((r) =>
    [
      r.number,
      r.title,
      r.declaredAt.toISOString(),
      r.severity,
      r.services.join(' '),
      r.status,
      ...STAGES.map((s) => r.stages[s]),
      r.impactSeconds,
      r.cause,
    ]
      .map(cell)
      .join(','),
  );
  return `${[header.join(','), ...lines].join('\r\n')}\r\n`;
}
