// Atom and RSS feeds of the status page's history: one entry per published update, newest first.
import { html } from 'hono/html';
import type { StatusPageModel } from '../../domain/status-page/model.ts';
import { MAINTENANCE_LABEL } from '../../domain/status-page/maintenance.ts';
import { STATUS_LABEL } from '../../domain/status-page/states.ts';
import { shortlink } from './json.ts';

const FEED_SIZE = 50;

// XML 1.0 forbids most control characters (a \v or an ESC pasted into a message) even escaped:
// one makes the whole feed ill-formed for every reader, so they are left out of what feeds carry.
function allowedInXml(code: number): boolean {
  if (code < 0x20) return code === 0x09 || code === 0x0a || code === 0x0d;
  return code !== 0xfffe && code !== 0xffff && !(code >= 0xd800 && code <= 0xdfff);
}

function xmlCharacters(document: unknown): string {
  let kept = '';
  for (const character of String(document)) if (allowedInXml(character.codePointAt(0)!)) kept += character;
  return kept;
}

type Entry = {
  incident: { id: string; title: string };
  update: { id: string; body: string; createdAt: Date };
  label: string;
};

// Incidents' and maintenance's updates alike, newest first.
function entries(model: StatusPageModel): Entry[] {
  return [
    ...[...model.open, ...model.past].flatMap((incident) =>
      incident.updates.map((update) => ({ incident, update, label: STATUS_LABEL[update.status] })),
    ),
    ...model.maintenances.flatMap((incident) =>
      incident.updates.map((update) => ({
        incident,
        update,
        label: `Maintenance ${MAINTENANCE_LABEL[update.status].toLowerCase()}`,
      })),
    ),
  ]
    .sort((a, b) => b.update.createdAt.getTime() - a.update.createdAt.getTime())
    .slice(0, FEED_SIZE);
}

export function atomFeed(model: StatusPageModel): string {
  const updated = model.updatedAt.toISOString();
  const page = `${model.url}/status`;
  return xmlCharacters(html`<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
<id>${page}</id>
<title>${model.title} status history</title>
<link rel="alternate" type="text/html" href="${page}"/>
<link rel="self" type="application/atom+xml" href="${page}/history.atom"/>
<updated>${updated}</updated>
${entries(model).map(
  ({ incident, update, label }) => html`<entry>
<id>${shortlink(model, incident.id)}#${update.id}</id>
<title>${incident.title}: ${label}</title>
<link rel="alternate" type="text/html" href="${shortlink(model, incident.id)}"/>
<published>${update.createdAt.toISOString()}</published>
<updated>${update.createdAt.toISOString()}</updated>
<author><name>${model.title}</name></author>
<content type="text">${update.body}</content>
</entry>
`,
)}</feed>
`);
}

export function rssFeed(model: StatusPageModel): string {
  return xmlCharacters(html`<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0">
<channel>
<title>${model.title} status history</title>
<link>${model.url}/status</link>
<description>Incidents and updates published on ${model.title}</description>
<lastBuildDate>${model.updatedAt.toUTCString()}</lastBuildDate>
${entries(model).map(
  ({ incident, update, label }) => html`<item>
<title>${incident.title}: ${label}</title>
<link>${shortlink(model, incident.id)}</link>
<guid isPermaLink="false">${incident.id}-${update.id}</guid>
<pubDate>${update.createdAt.toUTCString()}</pubDate>
<description>${update.body}</description>
</item>
`,
)}</channel>
</rss>
`);
}
