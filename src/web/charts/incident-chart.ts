import { impactChart } from '../../domain/chart/impact-chart.ts';
import { incidentRef } from '../../domain/incident.ts';
import type { PostmortemRecord } from '../../domain/postmortem/record.ts';
import { impactSvg } from './impact-svg.ts';

// An incident's impact chart, drawn the same way on its page, as SVG and PNG, and in Slack.
export function incidentChartSvg(record: PostmortemRecord, now: Date): string {
  const chart = impactChart({ windows: record.impact, milestones: record.milestones, now });
  return impactSvg(chart, `Impact of ${incidentRef(record.incident.number)}`);
}
