// POST /api/v1/deploys (SPEC.md "Changes"): CI reports a deploy with a token from
// DEPLOY_GATE_TOKENS, whose name is the pipeline. 201 with the change's id; 200 and the same id for a
// repeat of a key; 202 for a service the catalog does not know; 400 naming the field.
import { Hono } from 'hono';
import { deployOf, recordDeploy } from '../../app/record-deploy.ts';
import type { BotContext } from '../../context.ts';
import { ZDeployReport } from '../../domain/changes.ts';
import { AppError } from '../../domain/errors.ts';
import { findToken } from '../bearer.ts';

export const DEPLOYS_PATH = '/api/v1/deploys';

export function deployRoutes(ctx: BotContext): Hono {
  const routes = new Hono();
  const tokens = ctx.config.deployGateTokens;
  routes.post(DEPLOYS_PATH, async (c) => {
    const index = findToken(
      c.req.header('authorization'),
      tokens.map((t) => t.token),
    );
    if (index < 0) throw new AppError('UNAUTHORIZED', 'a valid bearer token from DEPLOY_GATE_TOKENS is required');
    const body = await c.req.json().catch(() => {
      throw new AppError('BAD_INPUT', 'the body must be JSON: {"service", "environment", "version", "status", …}');
    });
    const parsed = ZDeployReport.safeParse(body);
    if (!parsed.success) {
      const problems = parsed.error.issues.map((i) => {
        const field = i.path.join('.') || 'body';
        if (i.code === 'unrecognized_keys') return `${i.keys.join(', ')}: not a field of a deploy`;
        return `${field}: ${i.code === 'invalid_type' ? 'is required' : i.message}`;
      });
      throw new AppError('BAD_INPUT', problems.join('; '));
    }
    const report = parsed.data;
    const outcome = await recordDeploy(ctx, deployOf(report, tokens[index]!.name, 'api'));
    if (outcome.kind === 'ignored') {
      ctx.logger.info({ service: report.service }, 'deploy of a service the catalog does not know: ignored');
      return c.json({ ignored: true, reason: `${report.service} is not a configured service` }, 202);
    }
    return c.json({ id: outcome.id, repeat: outcome.kind === 'repeat' }, outcome.kind === 'created' ? 201 : 200);
  });
  return routes;
}
