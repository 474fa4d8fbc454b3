// The public status page, server-rendered, readable on a phone, no JavaScript. Every value goes
// through Hono's html tag, which escapes it.
import { html } from 'hono/html';
import { MAINTENANCE_LABEL } from '../../domain/status-page/maintenance.ts';
import type {
  ComponentView,
  PublishedIncident,
  PublishedMaintenance,
  StatusPageModel,
} from '../../domain/status-page/model.ts';
import { type ComponentState, STATE_LABEL, STATUS_LABEL } from '../../domain/status-page/states.ts';
import { type Html, htmlDocument } from '../document.ts';
import { STATUS_CSS } from './style.ts';
import { subscribeForm } from './subscription-pages.ts';

export function utcLabel(d: Date): string {
  const date = d.toLocaleDateString('en-US', { timeZone: 'UTC', month: 'short', day: 'numeric', year: 'numeric' });
  return `${date}, ${d.toISOString().slice(11, 16)} UTC`;
}

// The page stays light on a phone: the last incidents with their updates; each has its own page.
const PAST_SHOWN = 15;

const time = (d: Date) => html`<time datetime="${d.toISOString()}">${utcLabel(d)}</time>`;
const percent = (p: number | null) =>
  p === null ? 'no data' : `${(Math.floor(p * 100_000) / 1000).toFixed(2)}% uptime`;

function layout(model: StatusPageModel, title: string, body: Html): string {
  return htmlDocument({
    title,
    css: STATUS_CSS,
    head: html`<link rel="alternate" type="application/atom+xml" title="${model.title} history (Atom)" href="/status/history.atom">
<link rel="alternate" type="application/rss+xml" title="${model.title} history (RSS)" href="/status/history.rss">
`,
    header: html`<h1><a class="home" href="/status">${model.title}</a></h1>`,
    body,
    footer: html`Last updated ${time(model.updatedAt)} · <a href="/status/history.atom">Atom</a> · <a href="/status/history.rss">RSS</a> · <a href="/api/v2/summary.json">JSON</a>`,
  });
}

function updatesList(incident: PublishedIncident): Html {
  return html`<ol class="updates">${incident.updates.map(
    (u) => html`<li><strong>${STATUS_LABEL[u.status]}</strong> ${time(u.displayAt)}<p>${u.body}</p></li>`,
  )}</ol>`;
}

function incidentCard(incident: PublishedIncident): Html {
  return html`<article class="incident impact-${incident.impact}">
<h3><a href="/status/incidents/${incident.id}">${incident.title}</a></h3>
${updatesList(incident)}
</article>`;
}

// Past incidents as Statuspage's history shows them: each with its updates, newest first.
function pastCard(incident: PublishedIncident): Html {
  return html`<article class="incident impact-${incident.impact}">
<h3><a href="/status/incidents/${incident.id}">${incident.title}</a></h3>
<p class="muted">Resolved ${time(incident.resolvedAt!)}</p>
${updatesList(incident)}
</article>`;
}

function maintenanceCard(m: PublishedMaintenance, names: Map<string, string>): Html {
  const affected = m.services.map((s) => names.get(s)).filter(Boolean);
  return html`<article class="incident maintenance">
<h3>${m.title}</h3>
<p class="when"><strong>${MAINTENANCE_LABEL[m.status]}</strong> · ${time(m.scheduledFor)} to ${time(m.scheduledUntil)}${affected.length ? html`<br><span class="muted">Affected: ${affected.join(', ')}</span>` : ''}</p>
<ol class="updates">${m.updates.map(
    (u) => html`<li><strong>${MAINTENANCE_LABEL[u.status]}</strong> ${time(u.createdAt)}<p>${u.body}</p></li>`,
  )}</ol>
</article>`;
}

function bar(day: ComponentView['uptime'][number]): Html {
  const kind = day.uptime === null ? 'nodata' : (day.worst ?? 'operational');
  return html`<span class="bar bar-${kind}" title="${day.date}: ${percent(day.uptime)}"></span>`;
}

function componentRow(c: ComponentView): Html {
  return html`<div class="component">
<div class="row"><span class="name">${c.name}</span><span class="state state-${c.state}">${STATE_LABEL[c.state as ComponentState]}</span></div>
<div class="bars" role="img" aria-label="${c.name}: ${percent(c.uptimePercent)} over 90 days">${c.uptime.map(bar)}</div>
<div class="legend"><span class="from90">90 days ago</span><span class="from30">30 days ago</span><span>${percent(c.uptimePercent)}</span><span>Today</span></div>
</div>`;
}

export function statusPageHtml(model: StatusPageModel): string {
  const groups = model.groups.map((g) =>
    g.name
      ? html`<div class="group"><h3>${g.name}</h3>${g.components.map(componentRow)}</div>`
      : html`<div class="group">${g.components.map(componentRow)}</div>`,
  );
  const names = new Map(model.components.map((c) => [c.service, c.name]));
  const past = model.past.slice(0, PAST_SHOWN).map(pastCard);
  return layout(
    model,
    model.title,
    html`<section class="banner banner-${model.indicator}" role="status">${model.description}</section>
${model.open.length ? html`<section class="open"><h2>Current incidents</h2>${model.open.map(incidentCard)}</section>` : ''}
${model.active.length ? html`<section class="active-maintenance"><h2>Maintenance in progress</h2>${model.active.map((m) => maintenanceCard(m, names))}</section>` : ''}
${model.components.length ? html`<section class="components"><h2>Components</h2>${groups}</section>` : ''}
${model.upcoming.length ? html`<section class="upcoming-maintenance"><h2>Scheduled maintenance</h2>${model.upcoming.map((m) => maintenanceCard(m, names))}</section>` : ''}
<section class="past"><h2>Past incidents</h2>${past.length ? past : html`<p class="muted">No incidents reported.</p>`}</section>
${model.emailSubscriptions ? subscribeForm(model.components) : ''}`,
  );
}

export function incidentPageHtml(model: StatusPageModel, incident: PublishedIncident): string {
  const names = new Map(model.components.map((c) => [c.service, c.name]));
  const affected = [...new Set(incident.updates.flatMap((u) => u.components.map((c) => c.service)))]
    .map((s) => names.get(s))
    .filter(Boolean);
  return layout(
    model,
    `${incident.title} · ${model.title}`,
    html`<section class="incident impact-${incident.impact}">
<h2>${incident.title}</h2>
<p class="muted">${STATUS_LABEL[incident.status]}${affected.length ? ` · Affected: ${affected.join(', ')}` : ''}</p>
${updatesList(incident)}
</section>
<p><a href="/status">← Current status</a></p>`,
  );
}
