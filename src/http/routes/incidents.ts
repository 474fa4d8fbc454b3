import { Hono } from 'hono';
import { getIncident, listIncidents } from '../../app/read-incidents.ts';
import { readPostmortem } from '../../app/read-postmortem.ts';
import { readIncidentTimeline } from '../../app/read-timeline.ts';
import { AppError } from '../../domain/errors.ts';
import { parseIncidentNumber } from '../../domain/incident.ts';
import { entryText, isBackdated } from '../../domain/timeline.ts';
import { timelineMarkdown } from '../../domain/timeline-markdown.ts';
import type { Db } from '../../store/database.ts';
import { findToken } from '../bearer.ts';

// lookbackMs: how far back the postmortem's Changes section looks before the incident started.
export type IncidentRoutesOptions = { db: Db; apiTokens: readonly string[]; lookbackMs?: number };

// `INC-12` or `12` in the path.
function incidentNumber(param: string): number {
  const number = parseIncidentNumber(param);
  if (number === null) throw new AppError('NOT_FOUND', `no incident ${param}`);
  return number;
}

// The read API: GET /api/v1/incidents[?open=true&drills=true], /:number, /:number/timeline,
// /:number/postmortem.md, with a bearer token from API_TOKENS.
export function incidentRoutes(options: IncidentRoutesOptions): Hono {
  const routes = new Hono().basePath('/api/v1/incidents');
  routes.use('*', async (c, next) => {
    if (c.req.method !== 'GET') throw new AppError('BAD_INPUT', 'only GET is supported here');
    if (findToken(c.req.header('authorization'), options.apiTokens) < 0)
      throw new AppError('UNAUTHORIZED', 'a valid bearer token from API_TOKENS is required');
    await next();
  });

  routes.get('/', async (c) => {
    const incidents = await listIncidents(options.db, {
      open: c.req.query('open') === 'true',
      drills: c.req.query('drills') === 'true',
    });
    return c.json({ incidents });
  });

  routes.get('/:number/postmortem.md', async (c) => {
    const number = incidentNumber(c.req.param('number'));
    const found = await readPostmortem(options.db, number, options.lookbackMs);
    if (!found) throw new AppError('NOT_FOUND', `no incident INC-${number}`);
    if (found.incident.isPrivate)
      throw new AppError('FORBIDDEN', `INC-${number} is a private incident: its postmortem stays in its channel`);
    return c.body(found.markdown, 200, {
      'content-type': 'text/markdown; charset=utf-8',
      'content-disposition': `inline; filename="INC-${found.incident.number}-postmortem.md"`,
    });
  });

  routes.get('/:number/timeline', async (c) => {
    const number = incidentNumber(c.req.param('number'));
    const found = await readIncidentTimeline(options.db, number);
    if (!found) throw new AppError('NOT_FOUND', `no incident INC-${number}`);
    if (found.incident.isPrivate)
      throw new AppError('FORBIDDEN', `INC-${number} is a private incident: its timeline stays in its channel`);
    if (/text\/markdown/.test(c.req.header('accept') ?? '')) {
      return c.body(timelineMarkdown(found.entries), 200, { 'content-type': 'text/markdown; charset=utf-8' });
    }
    return c.json({
      incident: found.incident.number,
      entries: found.entries.map((e) => ({
        seq: e.seq,
        kind: e.kind,
        text: entryText(e, (at) => at.toISOString().replace('.000Z', 'Z')),
        actor: e.actorId,
        occurredAt: e.occurredAt.toISOString(),
        recordedAt: e.recordedAt.toISOString(),
        backdated: isBackdated(e),
        source: e.source,
        permalink: e.permalink,
        count: e.count,
      })),
    });
  });

  routes.get('/:number', async (c) => {
    const number = incidentNumber(c.req.param('number'));
    const incident = await getIncident(options.db, number);
    if (!incident) throw new AppError('NOT_FOUND', `no incident INC-${number}`);
    return c.json({ incident });
  });
  return routes;
}
