import { html, raw } from 'hono/html';
import { impactSvg, stageSvg, weeklySvg } from '../../charts/insights-charts.ts';
import { incidentRef } from '../../domain/incident.ts';
import { type Insights, NO_SEVERITY, type Stage } from '../../domain/insights/insights.ts';
import { type InsightsQuery, insightsQueryString } from '../../domain/insights/query.ts';
import { type Figure, shortDuration } from '../../domain/insights/stats.ts';
import { webPage } from './layout.ts';

const STAGES: { stage: Stage; label: string }[] = [
  { stage: 'detect', label: 'Time to detect' },
  { stage: 'acknowledge', label: 'Time to acknowledge' },
  { stage: 'mitigate', label: 'Time to mitigate' },
  { stage: 'resolve', label: 'Time to resolve' },
];
const day = (d: Date) => d.toISOString().slice(0, 10);

// "12m · p90 1h 05m (n=14)", or "n/a (n=0)".
function figureCell(f: Figure) {
  if (f.median === null) return html`<span class="muted">n/a (n=0)</span>`;
  return html`${shortDuration(f.median)} <span class="muted">· p90 ${shortDuration(f.p90!)} (n=${f.n})</span>`;
}

const chart = (svg: string) => html`<div class="chart">${raw(svg)}</div>`;
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

// `/insights` (SPEC.md "Insights"): each chart drawn on the server, a table beside it, nothing that
// needs a script; private incidents counted, named only to their members.
export function insightsPage(
  insights: Insights,
  query: InsightsQuery,
  options: { severities: string[]; services: string[]; problem?: string },
): string {
  const f = query.filters;
  const option = (value: string, chosen: string | null) =>
    html`<option value="${value}"${value === (chosen ?? '') ? raw(' selected') : ''}>${value || 'all'}</option>`;
  const form = html`<form class="filters" method="get" action="/insights">
<label>From <input type="date" name="from" value="${day(query.period.from)}"></label>
<label>To <input type="date" name="to" value="${day(new Date(query.period.to.getTime() - 1))}"></label>
<label>Severity <select name="severity">${['', ...options.severities, NO_SEVERITY].map((s) => option(s, f.severity))}</select></label>
<label>Service <select name="service">${['', ...options.services].map((s) => option(s, f.service))}</select></label>
<button type="submit">Show</button>
<a href="/insights.csv${insightsQueryString(query)}">CSV</a>
</form>`;
  const problem = options.problem ? html`<p class="badge badge-private">${options.problem}</p>` : '';
  const weeksTable = html`<div class="wrap"><table><thead><tr><th>Week of</th>${insights.severities.map((s) => html`<th>${s}</th>`)}</tr></thead><tbody>${insights.weeks
    .filter((w) => Object.values(w.bySeverity).some((n) => n > 0))
    .map(
      (w) =>
        html`<tr><td class="t">${day(w.week)}</td>${insights.severities.map((s) => html`<td>${w.bySeverity[s] ?? 0}</td>`)}</tr>`,
    )}</tbody></table></div>`;
  const stagesTable = html`<div class="wrap"><table><thead><tr><th>Severity</th>${STAGES.map((s) => html`<th>${s.label}</th>`)}</tr></thead><tbody>${insights.stages.map(
    ({ severity, figures }) =>
      html`<tr><td>${severity}</td>${STAGES.map((s) => html`<td>${figureCell(figures[s.stage])}</td>`)}</tr>`,
  )}</tbody></table></div>`;
  const impactTable = html`<div class="wrap"><table><thead><tr><th>Service</th><th>Impact</th><th>Incidents</th></tr></thead><tbody>${insights.impactByService.map(
    (s) => html`<tr><td>${s.service}</td><td>${shortDuration(s.seconds)}</td><td>${s.incidents}</td></tr>`,
  )}</tbody></table></div>`;
  const statusTable = html`<div class="wrap"><table><thead><tr><th>Status</th><th>Time in it</th></tr></thead><tbody>${insights.timeInStatus.map(
    (s) => html`<tr><td>${s.status}</td><td>${figureCell(s.figure)}</td></tr>`,
  )}</tbody></table></div>`;
  const slowest = insights.slowest.length
    ? html`<ol>${insights.slowest.map(
        (r) =>
          html`<li>${r.visible ? html`<a href="/incidents/${r.number}">${incidentRef(r.number)}</a> ${r.title}` : html`<span class="muted">a private incident</span>`} · ${r.severity} · resolved in ${shortDuration(r.stages.resolve!)}</li>`,
      )}</ol>`
    : html`<p class="muted">No incident in this period has both <code>started</code> and <code>resolved</code>.</p>`;
  const { prompts, actionItems, dora } = insights;
  const doraSection = !dora.changesReported
    ? html`<p class="muted">No deploys have been reported yet, so there is nothing to measure. CI reports each deploy with <code>POST /api/v1/deploys</code> or <code>incident-gate deployed</code> (whatever its outcome), GitHub with its <code>deployment_status</code> webhook; <code>/incident cause &lt;service&gt;@&lt;version&gt;</code> names the deploy that caused an incident.</p>`
    : html`<div class="wrap"><table><thead><tr><th>Service</th><th>Deploys</th><th>Per week</th><th>Change failure rate</th><th>Recovery time</th></tr></thead><tbody>${dora.services.map(
        (s) =>
          html`<tr><td>${s.service}</td><td>${s.deploys}</td><td>${s.perWeek}</td><td>${s.changeFailureRate === null ? 'n/a' : `${Math.round(s.changeFailureRate * 1000) / 10}%`} <span class="muted">(${s.failures} of ${s.deploys})</span></td><td>${figureCell(s.recovery)}</td></tr>`,
      )}</tbody></table></div>${dora.services.length ? '' : html`<p class="muted">No succeeded deploys to ${insights.environment} in this period.</p>`}`;
  return webPage(
    'Insights',
    html`${form}${problem}
<p>${plural(insights.incidents, 'incident')} declared from ${day(query.period.from)} to ${day(new Date(query.period.to.getTime() - 1))}${f.severity ? ` at ${f.severity}` : ''}${f.service ? ` affecting ${f.service}` : ''}; drills and cancelled incidents are left out. Medians and 90th percentiles are by nearest rank, each with the number of incidents it is taken from.</p>
<h2>Incidents a week</h2>${chart(weeklySvg(insights))}${weeksTable}
<h2>Time to detect, acknowledge, mitigate and resolve</h2>
<p class="muted">Measured from <code>started</code> (impact began); a milestone before it counts as negative; an incident without both milestones is left out of that figure.</p>
${stagesTable}<h3>Time to resolve</h3>${chart(stageSvg(insights, 'resolve', 'Time to resolve: median and p90 by severity'))}<h3>Time to detect</h3>${chart(stageSvg(insights, 'detect', 'Time to detect: median and p90 by severity'))}
<h2>Impact per service</h2>${chart(impactSvg(insights))}${impactTable}
<h2>Time in each status</h2>${statusTable}
<h2>Slowest to resolve</h2>${slowest}
<h2>Prompts</h2><p>${plural(prompts.asked, 'prompt')} asked, ${prompts.answered} answered; answer time ${figureCell(prompts.answerSeconds)}.</p>
<h2>Action items</h2><p>${actionItems.open} open (${actionItems.overdue} overdue), ${actionItems.done} done.</p>
<h2>Deploys to ${insights.environment}</h2>${doraSection}`,
    true,
  );
}
