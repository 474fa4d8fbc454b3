import type http from 'node:http';
import { isAppError } from '../domain/errors.ts';
import type { Logger } from '../log.ts';

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

// AppErrors become their status and message; anything else is a 500 with no detail.
export function sendError(res: http.ServerResponse, error: unknown, logger: Logger) {
  if (isAppError(error)) return sendJson(res, error.httpStatus, { error: error.code, message: error.message });
  logger.error({ err: error }, 'request failed');
  sendJson(res, 500, { error: 'INTERNAL', message: 'internal error' });
}
