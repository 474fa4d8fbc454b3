import { html } from 'hono/html';
import type { WebIncidentList } from '../../app/read-web-incidents.ts';
import { incidentRef } from '../../domain/incident.ts';
import { filtersQuery, type WebFilters } from '../../domain/web-filters.ts';
import { duration, timeCell } from './time.ts';
import { webPage } from './layout.ts';

const STATUS_OPTIONS = ['', 'open', 'investigating', 'identified', 'monitoring', 'resolved', 'cancelled'];

function select(name: string, value: string | null, options: string[], labels: Record<string, string> = {}) {
  return html`<select name="${name}">${options.map(
    (o) =>
      html`<option value="${o}"${o === (value ?? '') ? html` selected` : ''}>${labels[o] ?? (o || 'any')}</option>`,
  )}</select>`;
}

export function incidentListPage(
  list: WebIncidentList,
  f: WebFilters,
  options: { severities: string[]; services: string[]; zone: string | null; now: Date },
): string {
  const day = (d: Date | null, inclusive = false) =>
    d ? new Date(d.getTime() - (inclusive ? 86_400_000 : 0)).toISOString().slice(0, 10) : '';
  const form = html`<form class="filters" method="get" action="/incidents">
<label>Status ${select('status', f.status, STATUS_OPTIONS)}</label>
<label>Severity ${select('severity', f.severity, ['', ...options.severities])}</label>
<label>Service ${select('service', f.service, ['', ...options.services])}</label>
<label>Title <input type="search" name="q" value="${f.q ?? ''}" maxlength="150"></label>
<label>Drills ${select('drills', f.drills, ['exclude', 'include', 'only'], { exclude: 'left out', include: 'included', only: 'only drills' })}</label>
<label>From <input type="date" name="from" value="${day(f.from)}"></label>
<label>To <input type="date" name="to" value="${day(f.to, true)}"></label>
<button type="submit">Filter</button>
</form>`;
  const rows = list.incidents.map(
    (i) => html`<tr>
<td><a href="/incidents/${i.number}">${incidentRef(i.number)}</a></td>
<td>${i.title}${i.isDrill ? html`<span class="badge badge-drill">drill</span>` : ''}${i.isPrivate ? html`<span class="badge badge-private">private</span>` : ''}</td>
<td>${i.severity ?? '—'}</td>
<td>${i.status}</td>
<td>${i.services.join(', ') || '—'}</td>
<td class="t">${timeCell(i.declaredAt, options.zone)}</td>
<td class="t">${duration(i.declaredAt, i.endedAt, options.now)}</td>
</tr>`,
  );
  const pager = html`<p class="pager">${list.page > 1 ? html`<a href="/incidents${filtersQuery(f, list.page - 1)}">← Newer</a>` : ''}<span class="muted">Page ${list.page} of ${list.pages} · ${list.total} incident${list.total === 1 ? '' : 's'}</span>${list.page < list.pages ? html`<a href="/incidents${filtersQuery(f, list.page + 1)}">Older →</a>` : ''}</p>`;
  return webPage(
    'Incidents',
    html`${form}
${list.incidents.length ? html`<div class="wrap"><table><thead><tr><th>#</th><th>Title</th><th>Severity</th><th>Status</th><th>Services</th><th>Declared</th><th>Duration</th></tr></thead><tbody>${rows}</tbody></table></div>` : html`<p class="muted">No incidents match.</p>`}
${pager}`,
    true,
  );
}
