import type http from 'node:http';
import { isAppError } from '../domain/errors.ts';
import type { Logger } from '../log.ts';
import { isDatabaseUnavailable } from '../store/unavailable.ts';

export function sendJson(
  res: http.ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
) {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

export const DATABASE_UNAVAILABLE = { error: 'UNAVAILABLE', message: 'the database is unreachable; try again' };

// AppErrors become their status and message; a database that cannot be reached is a 503 (try
// again); anything else is a 500 with no detail.
export function sendError(res: http.ServerResponse, error: unknown, logger: Logger) {
  if (res.headersSent) return void res.destroy();
  if (isAppError(error)) return sendJson(res, error.httpStatus, { error: error.code, message: error.message });
  if (isDatabaseUnavailable(error)) {
    logger.warn({ err: error }, 'request failed: database unavailable');
    return sendJson(res, 503, DATABASE_UNAVAILABLE, { 'retry-after': '5' });
  }
  logger.error({ err: error }, 'request failed');
  sendJson(res, 500, { error: 'INTERNAL', message: 'internal error' });
}
