import { html, raw } from 'hono/html';
import type { WebIncident } from '../../app/read-web-incidents.ts';
import { describeScope } from '../../domain/freeze.ts';
import { incidentRef } from '../../domain/incident.ts';
import { keyFigures } from '../../domain/postmortem/figures.ts';
import { formatSeconds } from '../../domain/postmortem/format.ts';
import { entryText } from '../../domain/timeline.ts';
import { type Html, webPage } from './layout.ts';
import { deployName, duration, timeCell } from './time.ts';
import { changeStatusWords } from '../../domain/changes.ts';

const isHttp = (url: string | null): url is string => !!url && /^https?:\/\//i.test(url);

// Each section has an id from its title (#action-items, #timeline), for links from Slack.
function section(title: string, body: Html | string, empty: boolean, emptyText: string) {
  const id = title.toLowerCase().replace(/[^a-z]+/g, '-');
  return html`<section id="${id}"><h2>${title}</h2>${empty ? html`<p class="muted">${emptyText}</p>` : body}</section>`;
}

function table(headers: string[], rows: Html[]) {
  return html`<div class="wrap"><table><thead><tr>${headers.map((h) => html`<th>${h}</th>`)}</tr></thead><tbody>${rows}</tbody></table></div>`;
}

// `svg` is the chart this code drew (labels escaped there), so it goes in as markup.
export function incidentPage(
  web: WebIncident,
  svg: string,
  zone: string | null,
  now: Date,
  paging: { page: number; size: number } = { page: 1, size: Number.MAX_SAFE_INTEGER },
): string {
  const { record } = web;
  const i = record.incident;
  const name = (id: string | null) => (id ? (record.people[id] ?? id) : '—');
  const time = (d: Date) => timeCell(d, zone);
  const role = (r: string) => record.roles.find((x) => x.role === r)?.userId ?? null;
  const figures = keyFigures(record.milestones).figures.filter((f) => f.seconds !== null);
  const facts = html`<dl class="facts">
<dt>Severity</dt><dd>${i.severity ?? 'none yet'}</dd>
<dt>Status</dt><dd>${i.status}</dd>
<dt>Commander</dt><dd>${name(role('commander'))}</dd>
<dt>Comms</dt><dd>${name(role('comms'))}</dd>
<dt>Scribe</dt><dd>${name(role('scribe'))}</dd>
<dt>Services</dt><dd>${i.services.join(', ') || '—'}</dd>
<dt>Declared</dt><dd>${time(i.declaredAt)} by ${name(i.declaredBy)}</dd>
<dt>Duration</dt><dd>${duration(i.declaredAt, web.endedAt, now)}</dd>
<dt>Channel</dt><dd>${web.channelId ? html`<a href="https://slack.com/app_redirect?channel=${web.channelId}">#${web.channelName ?? web.channelId}</a>` : '—'}</dd>
${record.trigger ? html`<dt>Trigger</dt><dd>${record.trigger.service}@${record.trigger.version} (${record.trigger.environment})</dd>` : ''}
${web.publicId ? html`<dt>Status page</dt><dd><a href="/status/incidents/${web.publicId}">the public incident</a></dd>` : ''}
<dt>Postmortem</dt><dd><a href="/incidents/${i.number}/postmortem">the draft</a></dd>
</dl>`;
  // The timeline with the deploys reported during the incident among its entries; a long one in
  // pages, each page with the deploys of its own stretch of time.
  const declared = i.declaredAt.getTime();
  const total = record.timelineTotal ?? record.timeline.length;
  const pages = Math.max(1, Math.ceil(total / paging.size));
  const first = record.timeline[0]?.occurredAt.getTime() ?? -Infinity;
  const last = record.timeline.at(-1)?.occurredAt.getTime() ?? Infinity;
  const onThisPage = (at: number) =>
    pages === 1 || ((paging.page === 1 || at >= first) && (paging.page >= pages || at < last));
  const timeline = [
    ...record.timeline.map((e) => ({
      at: e.occurredAt,
      order: e.seq,
      row: html`<tr><td class="t">${time(e.occurredAt)}</td><td>${entryText(e, (d) => `${d.toISOString().slice(11, 16)} UTC`)}${e.count > 1 ? ` (×${e.count})` : ''}${isHttp(e.permalink) ? html` <a href="${e.permalink}">message</a>` : ''}</td><td>${name(e.actorId)}</td></tr>`,
    })),
    ...(record.changes ?? [])
      .filter((c) => c.occurredAt.getTime() >= declared || c.id === record.trigger?.id)
      .filter((c) => onThisPage(c.occurredAt.getTime()))
      .map((c) => ({
        at: c.occurredAt,
        order: Number.MAX_SAFE_INTEGER,
        row: html`<tr class="deploy"><td class="t">${time(c.occurredAt)}</td><td>Deploy of ${deployName(c)} to ${c.environment}: ${changeStatusWords(c.status)}</td><td>${c.pipeline}</td></tr>`,
      })),
  ]
    .sort((a, b) => a.at.getTime() - b.at.getTime() || a.order - b.order)
    .map((r) => r.row);
  const changes = [...(record.changes ?? [])]
    .sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime())
    .map(
      (c) =>
        html`<tr><td class="t">${time(c.occurredAt)}</td><td>${deployName(c)}${record.trigger?.id === c.id ? html` <strong>(trigger)</strong>` : ''}</td><td>${c.environment}</td><td>${changeStatusWords(c.status)}</td><td>${c.pipeline}</td><td>${isHttp(c.url) ? html`<a href="${c.url}">details</a>` : ''}</td></tr>`,
    );
  const severity = record.severityChanges.map(
    (c) =>
      html`<tr><td class="t">${time(c.occurredAt)}</td><td>${c.fromLevel ?? '—'} → ${c.toLevel}</td><td>${name(c.changedBy)}</td><td>${c.reason}</td></tr>`,
  );
  const status = record.statusChanges.map(
    (c) =>
      html`<tr><td class="t">${time(c.occurredAt)}</td><td>${c.fromStatus ?? '—'} → ${c.toStatus}</td><td>${name(c.changedBy)}</td><td>${c.message}</td></tr>`,
  );
  const freezes = record.freezes.map(
    (f) =>
      html`<tr><td>${describeScope(f)}</td><td class="t">${time(f.startedAt)}</td><td class="t">${f.liftedAt ? time(f.liftedAt) : f.expiresAt ? time(f.expiresAt) : 'not lifted'}</td><td>${name(f.createdBy)}</td><td>${f.reason}</td></tr>`,
  );
  const gate = record.gateDecisions.map(
    (d) =>
      html`<tr><td>${d.service}@${d.version}</td><td>${d.environment}</td><td>${d.allowed ? 'let through (exception)' : 'blocked'}</td><td>${d.count}</td><td>${d.pipeline}</td></tr>`,
  );
  const items = record.actionItems
    .filter((a) => a.state !== 'removed')
    .sort((a, b) => a.seq - b.seq)
    .map(
      (a) =>
        html`<tr><td>#${a.seq}</td><td>${a.text}</td><td>${name(a.ownerId)}</td><td>${a.priority}</td><td>${a.dueDate ?? '—'}</td><td>${a.state}</td><td>${isHttp(a.linearUrl) ? html`<a href="${a.linearUrl}">${a.linearKey ?? 'Linear'}</a>${a.linearState ? ` (${a.linearState})` : ''}` : 'not filed'}</td></tr>`,
    );
  const updates = [...(record.publicUpdates ?? [])]
    .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())
    .map((u) => html`<tr><td class="t">${time(u.displayAt)}</td><td>${u.status}</td><td>${u.body}</td></tr>`);
  const from = (paging.page - 1) * paging.size;
  const pager =
    pages > 1
      ? html`<p class="pager">${paging.page > 1 ? html`<a href="/incidents/${i.number}?timeline=${paging.page - 1}#timeline">← Earlier</a>` : ''}<span class="muted">Entries ${from + 1}–${from + record.timeline.length} of ${total}</span>${paging.page < pages ? html`<a href="/incidents/${i.number}?timeline=${paging.page + 1}#timeline">Later →</a>` : ''}</p>`
      : '';
  const paged = web.pages.map(
    (p) => html`<tr><td class="t">${time(p.createdAt)}</td><td>${p.target}</td><td>${p.status}</td></tr>`,
  );
  const badges = html`${i.isDrill ? html`<span class="badge badge-drill">drill</span>` : ''}${web.isPrivate ? html`<span class="badge badge-private">private</span>` : ''}`;
  return webPage(
    `${incidentRef(i.number)}: ${i.title}`,
    html`<h2>${incidentRef(i.number)}: ${i.title}${badges}</h2>
${i.summary ? html`<p>${i.summary}</p>` : ''}
${facts}
<section><h2>Impact</h2><div class="chart">${raw(svg)}</div><p class="muted"><a href="/incidents/${i.number}/impact.png">PNG</a> · <a href="/incidents/${i.number}/impact.svg">SVG</a></p></section>
${section(
  'Key figures',
  table(
    ['Figure', 'Time'],
    figures.map((f) => html`<tr><td>${f.label}</td><td>${formatSeconds(f.seconds!)}</td></tr>`),
  ),
  !figures.length,
  'Mark milestones (/incident mark) to see them.',
)}
${section('Timeline', html`${pager}${table(['Time', 'What happened', 'Who'], timeline)}${pager}`, !timeline.length, 'Nothing recorded yet.')}
${section('Changes', table(['Time', 'Deploy', 'Environment', 'Status', 'Pipeline', ''], changes), !changes.length, 'No deploys of its services were reported around it.')}
${section('Severity history', table(['Time', 'Change', 'By', 'Why'], severity), !severity.length, 'No changes.')}
${section('Status history', table(['Time', 'Change', 'By', 'Message'], status), !status.length, 'No changes.')}
${section('Deploy freezes', html`${table(['Scope', 'From', 'Until', 'Set by', 'Reason'], freezes)}${gate.length ? table(['Version', 'Environment', 'Gate', 'Attempts', 'Pipeline'], gate) : ''}`, !freezes.length, 'No deploys were frozen.')}
${section('Pages', table(['Time', 'Paged', 'State'], paged), !paged.length, 'Nobody was paged.')}
${section('Action items', table(['#', 'What', 'Owner', 'Priority', 'Due', 'State', 'Linear'], items), !items.length, 'No action items yet.')}
${section('Public updates', table(['Shown at', 'Status', 'Message'], updates), !updates.length, 'Nothing was published on the status page.')}`,
    true,
  );
}
