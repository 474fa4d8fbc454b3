// GET /api/v1/insights?from=&to=&severity=&service= (SPEC.md "Insights"), with a bearer token from
// API_TOKENS: every figure with its n and definition. Private incidents count, unnamed.
import { Hono } from 'hono';
import { readInsights } from '../../app/read-insights.ts';
import type { BotContext } from '../../context.ts';
import { AppError } from '../../domain/errors.ts';
import { insightsJson } from '../../domain/insights/export.ts';
import { parseInsightsQuery } from '../../domain/insights/query.ts';
import { findToken } from '../bearer.ts';

export function insightsApiRoutes(ctx: BotContext, apiTokens: readonly string[]): Hono {
  const routes = new Hono();
  routes.get('/api/v1/insights', async (c) => {
    if (findToken(c.req.header('authorization'), apiTokens) < 0)
      throw new AppError('UNAUTHORIZED', 'a valid bearer token from API_TOKENS is required');
    const query = parseInsightsQuery(
      c.req.query(),
      ctx.clock.now(),
      ctx.config.file.severities.map((s) => s.id),
    );
    if ('problem' in query) throw new AppError('BAD_INPUT', query.problem);
    return c.json(insightsJson(await readInsights(ctx, query.period, query.filters, null)));
  });
  return routes;
}
