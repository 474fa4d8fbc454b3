import { impactChart } from '../domain/chart/impact-chart.ts';
import { incidentRef } from '../domain/incident.ts';
import type { PostmortemRecord } from '../domain/postmortem/record.ts';
import { impactSvg } from './impact-svg.ts';
import { changeStatusWords, deployLabel } from '../domain/changes.ts';

// An incident's impact chart, drawn the same way on its page, as SVG and PNG, and in Slack. Deploys
// from the first milestone or impact on are markers too ("api@4f2a9c1 failed"); earlier ones in
// the look-back window would only squeeze the axis (the page lists them).
export function incidentChartSvg(record: PostmortemRecord, now: Date): string {
  const from = Math.min(
    ...record.milestones.map((m) => m.occurredAt.getTime()),
    ...record.impact.map((w) => w.startedAt.getTime()),
    record.incident.declaredAt.getTime(),
  );
  const deploys = (record.changes ?? [])
    .filter((c) => c.occurredAt.getTime() >= from || c.id === record.trigger?.id)
    .map((c) => ({ kind: `${deployLabel(c)} ${changeStatusWords(c.status)}`, occurredAt: c.occurredAt }));
  const chart = impactChart({ windows: record.impact, milestones: [...record.milestones, ...deploys], now });
  return impactSvg(chart, `Impact of ${incidentRef(record.incident.number)}`);
}
