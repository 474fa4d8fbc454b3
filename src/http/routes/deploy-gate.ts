import { Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { z } from 'zod';
import type { DeployGate } from '../../app/deploy-gate.ts';
import { AppError } from '../../domain/errors.ts';
import { ZName, ZVersion } from '../../domain/changes.ts';
import { findToken } from '../bearer.ts';
import type { BotMetrics } from '../../metrics/metrics.ts';

export const DEPLOY_GATE_PATH = '/api/v1/deploy-gate';

const ZGateQuery = z.object({
  service: ZName,
  environment: ZName,
  version: ZVersion,
});

export type DeployGateRouteOptions = {
  gate: DeployGate;
  tokens: readonly { name: string; token: string }[];
  // Counts each answer by result; absent where nothing is measured.
  metrics?: BotMetrics;
};

// GET /api/v1/deploy-gate?service=&environment=&version= with a bearer token from DEPLOY_GATE_TOKENS
// (its name is the pipeline in the record): 200 allowed, 423 frozen, 400 bad parameters, 401.
export function deployGateRoutes(options: DeployGateRouteOptions): Hono {
  const routes = new Hono();
  const count = (result: string) => options.metrics?.gateDecisions.inc({ result });
  routes.get(DEPLOY_GATE_PATH, async (c) => {
    const index = findToken(
      c.req.header('authorization'),
      options.tokens.map((t) => t.token),
    );
    if (index < 0) {
      const why = options.tokens.length
        ? 'a valid bearer token from DEPLOY_GATE_TOKENS is required'
        : 'the deploy gate has no tokens: set DEPLOY_GATE_TOKENS';
      count('unauthorized');
      throw new AppError('UNAUTHORIZED', why);
    }
    const parsed = ZGateQuery.safeParse({
      service: c.req.query('service'),
      environment: c.req.query('environment'),
      version: c.req.query('version'),
    });
    if (!parsed.success) {
      const problems = parsed.error.issues.map(
        (i) => `${i.path.join('.')}: ${i.code === 'invalid_type' ? 'is required' : i.message}`,
      );
      count('bad_input');
      throw new AppError('BAD_INPUT', problems.join('; '));
    }
    const answer = await options.gate.check(parsed.data, options.tokens[index]!.name);
    count(answer.status === 200 ? 'allowed' : answer.status === 423 ? 'frozen' : String(answer.status));
    return c.json(answer.body, answer.status as ContentfulStatusCode, { 'cache-control': 'no-store' });
  });
  routes.all(DEPLOY_GATE_PATH, () => {
    throw new AppError('BAD_INPUT', `use GET ${DEPLOY_GATE_PATH}?service=&environment=&version=`);
  });
  return routes;
}
