import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { isAppError } from '../domain/errors.ts';
import type { Logger } from '../log.ts';
import { isDatabaseUnavailable } from '../store/unavailable.ts';

export const DATABASE_UNAVAILABLE = { error: 'UNAVAILABLE', message: 'the database is unreachable; try again' };

export function databaseUnavailable(c: Context): Response {
  return c.json(DATABASE_UNAVAILABLE, 503, { 'retry-after': '5' });
}

// AppErrors become their status and message; a database that cannot be reached is a 503 (try
// again); anything else is a 500 with no detail.
export function errorResponse(c: Context, error: unknown, logger: Logger): Response {
  if (isAppError(error)) {
    return c.json({ error: error.code, message: error.message }, error.httpStatus as ContentfulStatusCode);
  }
  if (isDatabaseUnavailable(error)) {
    logger.warn({ err: error }, 'request failed: database unavailable');
    return databaseUnavailable(c);
  }
  logger.error({ err: error }, 'request failed');
  return c.json({ error: 'INTERNAL', message: 'internal error' }, 500);
}
