import type { Insights } from '../../domain/insights/insights.ts';
import { type Figure, shortDuration } from '../../domain/insights/stats.ts';

const day = (d: Date) => d.toISOString().slice(0, 10);
const figure = (f: Figure) =>
  f.median === null ? 'n/a' : `median ${shortDuration(f.median)}, p90 ${shortDuration(f.p90!)} (n=${f.n})`;

// The insights in a few lines (`/incident insights`, the weekly digest): counts, the times that
// matter most, where it hurt, follow-ups and deploys; the page has the rest. No incident is named.
export function insightsSummaryText(i: Insights, heading: string, url: string): string {
  const all = i.stages.at(-1)!.figures;
  const bySeverity = i.severities.map((s) => `${s} ${i.bySeverity[s]}`).join(', ');
  const impact = i.impactByService
    .slice(0, 5)
    .map((s) => `${s.service} ${shortDuration(s.seconds)}`)
    .join(', ');
  const dora = i.dora.services
    .slice(0, 5)
    .map(
      (s) =>
        `${s.service}: ${s.deploys} deploys, ${s.changeFailureRate === null ? 'n/a' : `${Math.round(s.changeFailureRate * 1000) / 10}%`} failed`,
    )
    .join('; ');
  return [
    `*${heading}* (${day(i.period.from)} to ${day(new Date(i.period.to.getTime() - 1))})`,
    `${i.incidents} incident${i.incidents === 1 ? '' : 's'}${i.incidents ? ` (${bySeverity})` : ''}; drills and cancelled ones left out.`,
    `Time to detect: ${figure(all.detect)}. Time to mitigate: ${figure(all.mitigate)}. Time to resolve: ${figure(all.resolve)}.`,
    impact ? `Impact: ${impact}.` : null,
    `Action items: ${i.actionItems.open} open (${i.actionItems.overdue} overdue), ${i.actionItems.done} done.`,
    dora ? `Deploys to ${i.environment}: ${dora}.` : null,
    `<${url}|Charts, tables and the CSV on the web>`,
  ]
    .filter(Boolean)
    .join('\n');
}
