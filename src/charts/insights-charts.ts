// The insights' charts, drawn the same way on the page, as PNG and in the Slack digest.
import { horizontalBars, stackedColumns } from '../domain/chart/bar-charts.ts';
import type { Insights, Stage } from '../domain/insights/insights.ts';
import { shortDuration } from '../domain/insights/stats.ts';
import { barSvg } from './bar-svg.ts';

const monthDay = (d: Date) => d.toISOString().slice(5, 10);

// Incidents declared each week (Mondays, UTC), stacked by severity.
export function weeklySvg(insights: Insights): string {
  const chart = stackedColumns(
    insights.weeks.map((w) => ({
      label: monthDay(w.week),
      values: insights.severities.map((s) => w.bySeverity[s] ?? 0),
    })),
    insights.severities,
  );
  return barSvg(chart, 'Incidents a week by severity');
}

// A stage's median and p90 per severity (and over all), each with its n in the label.
export function stageSvg(insights: Insights, stage: Stage, title: string): string {
  const rows = insights.stages.map(({ severity, figures }) => ({
    label: `${severity} (n=${figures[stage].n})`,
    values: [figures[stage].median, figures[stage].p90],
  }));
  return barSvg(horizontalBars(rows, ['median', 'p90'], shortDuration), title, 'pair');
}

export function impactSvg(insights: Insights): string {
  const rows = insights.impactByService.slice(0, 15).map((s) => ({ label: s.service, values: [s.seconds] }));
  return barSvg(horizontalBars(rows, ['impact'], shortDuration), 'Impact per service', 'pair');
}
