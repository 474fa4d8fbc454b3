import { html } from 'hono/html';
import type { ChangeList } from '../../app/read-changes.ts';
import { type ChangeFilters, changeFiltersQuery } from '../../domain/change-filters.ts';
import { incidentRef } from '../../domain/incident.ts';
import { webPage } from './layout.ts';
import { deployName, timeCell } from './time.ts';
import { changeStatusWords } from '../../domain/changes.ts';

const isHttp = (url: string | null): url is string => !!url && /^https?:\/\//i.test(url);
const day = (d: Date | null, inclusive = false) =>
  d ? new Date(d.getTime() - (inclusive ? 1 : 0)).toISOString().slice(0, 10) : '';

// `/changes` (SPEC.md "Changes"): every reported deploy, with filters, newest first.
export function changesPage(list: ChangeList, f: ChangeFilters, options: { zone: string | null }): string {
  const form = html`<form class="filters" method="get" action="/changes">
<label>Services <input type="text" name="service" value="${f.services.join(',')}" placeholder="api,web" maxlength="500"></label>
<label>Environment <input type="text" name="environment" value="${f.environment ?? ''}" placeholder="production" maxlength="64"></label>
<label>From <input type="date" name="from" value="${day(f.from)}"></label>
<label>To <input type="date" name="to" value="${day(f.to, true)}"></label>
<button type="submit">Filter</button>
</form>`;
  const rows = list.changes.map(
    (c) => html`<tr>
<td class="t">${timeCell(c.occurredAt, options.zone)}</td>
<td>${deployName(c)}</td>
<td>${c.environment}</td>
<td class="status-${c.status}">${changeStatusWords(c.status)}</td>
<td>${c.pipeline}</td>
<td>${c.causeOf.map((n, k) => html`${k ? ', ' : ''}<a href="/incidents/${n}">trigger of ${incidentRef(n)}</a>`)}</td>
<td>${isHttp(c.url) ? html`<a href="${c.url}">details</a>` : ''}</td>
</tr>`,
  );
  const pager = html`<p class="pager">${list.page > 1 ? html`<a href="/changes${changeFiltersQuery(f, list.page - 1)}">← Newer</a>` : ''}<span class="muted">Page ${list.page} of ${list.pages} · ${list.total} change${list.total === 1 ? '' : 's'}</span>${list.page < list.pages ? html`<a href="/changes${changeFiltersQuery(f, list.page + 1)}">Older →</a>` : ''}</p>`;
  return webPage(
    'Changes',
    html`${form}
${list.changes.length ? html`<div class="wrap"><table><thead><tr><th>When</th><th>Deploy</th><th>Environment</th><th>Status</th><th>Pipeline</th><th>Incident</th><th></th></tr></thead><tbody>${rows}</tbody></table></div>` : html`<p class="muted">No deploys match. CI reports them with <code>POST /api/v1/deploys</code> or <code>incident-gate deployed</code>; GitHub with its deployment_status webhook.</p>`}
${pager}`,
    true,
  );
}
