import type http from 'node:http';
import { getIncident, listIncidents } from '../../app/read-incidents.ts';
import { readPostmortem } from '../../app/read-postmortem.ts';
import { readIncidentTimeline } from '../../app/read-timeline.ts';
import { AppError } from '../../domain/errors.ts';
import { entryText, isBackdated } from '../../domain/timeline.ts';
import { timelineMarkdown } from '../../domain/timeline-markdown.ts';
import type { Db } from '../../store/database.ts';
import { findToken } from '../bearer.ts';
import { sendJson } from '../respond.ts';

export type IncidentRoutesOptions = { db: Db; apiTokens: readonly string[] };

// GET /api/v1/incidents[?open=true&drills=true] and GET /api/v1/incidents/:number
export async function incidentRoutes(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  url: URL,
  options: IncidentRoutesOptions,
): Promise<boolean> {
  if (!url.pathname.startsWith('/api/v1/incidents')) return false;
  if (req.method !== 'GET') throw new AppError('BAD_INPUT', 'only GET is supported here');
  if (findToken(req, options.apiTokens) < 0)
    throw new AppError('UNAUTHORIZED', 'a valid bearer token from API_TOKENS is required');
  if (url.pathname === '/api/v1/incidents') {
    const incidents = await listIncidents(options.db, {
      open: url.searchParams.get('open') === 'true',
      drills: url.searchParams.get('drills') === 'true',
    });
    sendJson(res, 200, { incidents });
    return true;
  }
  const postmortem = /^\/api\/v1\/incidents\/(?:INC-)?(\d{1,9})\/postmortem\.md$/i.exec(url.pathname);
  if (postmortem) {
    const found = await readPostmortem(options.db, Number(postmortem[1]));
    if (!found) throw new AppError('NOT_FOUND', `no incident INC-${postmortem[1]}`);
    if (found.incident.isPrivate)
      throw new AppError(
        'FORBIDDEN',
        `INC-${postmortem[1]} is a private incident: its postmortem stays in its channel`,
      );
    res.writeHead(200, {
      'content-type': 'text/markdown; charset=utf-8',
      'content-disposition': `inline; filename="INC-${found.incident.number}-postmortem.md"`,
    });
    res.end(found.markdown);
    return true;
  }
  const timeline = /^\/api\/v1\/incidents\/(?:INC-)?(\d{1,9})\/timeline$/i.exec(url.pathname);
  if (timeline) {
    const found = await readIncidentTimeline(options.db, Number(timeline[1]));
    if (!found) throw new AppError('NOT_FOUND', `no incident INC-${timeline[1]}`);
    if (found.incident.isPrivate)
      throw new AppError('FORBIDDEN', `INC-${timeline[1]} is a private incident: its timeline stays in its channel`);
    if (/text\/markdown/.test(req.headers.accept ?? '')) {
      res.writeHead(200, { 'content-type': 'text/markdown; charset=utf-8' });
      res.end(timelineMarkdown(found.entries));
      return true;
    }
    sendJson(res, 200, {
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
    return true;
  }
  const match = /^\/api\/v1\/incidents\/(?:INC-)?(\d{1,9})$/i.exec(url.pathname);
  if (!match) return false;
  const incident = await getIncident(options.db, Number(match[1]));
  if (!incident) throw new AppError('NOT_FOUND', `no incident INC-${match[1]}`);
  sendJson(res, 200, { incident });
  return true;
}
