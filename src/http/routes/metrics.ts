import { Hono } from 'hono';
import { AppError } from '../../domain/errors.ts';
import type { BotMetrics } from '../../metrics/metrics.ts';
import { findToken } from '../bearer.ts';

export type MetricsRouteOptions = { metrics: BotMetrics; tokens: readonly string[] };

// GET /metrics for Prometheus, with a bearer token from METRICS_TOKENS (the scrape config's
// `authorization`). Never on the status host: that host serves only the status page's routes.
export function metricsRoutes(options: MetricsRouteOptions): Hono {
  const routes = new Hono();
  routes.get('/metrics', async (c) => {
    if (findToken(c.req.header('authorization'), options.tokens) < 0) {
      throw new AppError(
        'UNAUTHORIZED',
        options.tokens.length
          ? 'a valid bearer token from METRICS_TOKENS is required'
          : '/metrics has no tokens: set METRICS_TOKENS',
      );
    }
    const body = await options.metrics.registry.metrics();
    return c.body(body, 200, {
      'content-type': options.metrics.registry.contentType,
      'cache-control': 'no-store',
    });
  });
  return routes;
}
