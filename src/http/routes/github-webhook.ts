// POST /webhooks/github (SPEC.md "Changes"): GitHub `deployment_status` events, signed with
// GITHUB_WEBHOOK_SECRET (X-Hub-Signature-256 over the raw body). Deliveries are de-duplicated by
// X-GitHub-Delivery; `ping` and the states that are not changes are answered 2xx and ignored
// (GitHub never retries a delivery by itself, so nothing here asks it to).
import { verify } from '@octokit/webhooks-methods';
import { Hono } from 'hono';
import { isFirstDelivery, wasDelivered } from '../../app/first-delivery.ts';
import { deployOf, recordDeploy } from '../../app/record-deploy.ts';
import type { BotContext } from '../../context.ts';
import { changeStatusOfGitHub, ZDeployReport } from '../../domain/changes.ts';
import { AppError } from '../../domain/errors.ts';

export const GITHUB_WEBHOOK_PATH = '/webhooks/github';

type DeploymentStatusEvent = {
  deployment_status?: {
    id?: number | string;
    state?: string;
    environment?: string;
    target_url?: string;
    log_url?: string;
    environment_url?: string;
    created_at?: string;
    creator?: { login?: string };
  };
  deployment?: {
    sha?: string;
    environment?: string;
    payload?: unknown;
    creator?: { login?: string };
  };
  repository?: { name?: string; full_name?: string };
};

export function gitHubWebhookRoutes(ctx: BotContext): Hono {
  const routes = new Hono();
  routes.post(GITHUB_WEBHOOK_PATH, async (c) => {
    const secret = ctx.config.GITHUB_WEBHOOK_SECRET;
    if (!secret) throw new AppError('NOT_CONFIGURED', 'GitHub webhooks are not configured: set GITHUB_WEBHOOK_SECRET');
    const body = await c.req.text();
    const signature = c.req.header('x-hub-signature-256') ?? '';
    const valid = /^sha256=[0-9a-f]{64}$/.test(signature) && (await verify(secret, body, signature).catch(() => false));
    if (!valid) throw new AppError('UNAUTHORIZED', 'the X-Hub-Signature-256 signature does not match');
    const event = c.req.header('x-github-event');
    const delivery = c.req.header('x-github-delivery') ?? '';
    if (event === 'ping') return c.json({ ok: true });
    if (event !== 'deployment_status') return c.json({ ignored: `${event ?? 'an unnamed'} event` }, 202);
    const deliveryId = `github:${delivery}`;
    if (delivery && (await wasDelivered(ctx.db, deliveryId))) return c.json({ duplicate: true });

    const payload = parseJson(body) as DeploymentStatusEvent;
    const status = changeStatusOfGitHub(String(payload.deployment_status?.state ?? ''));
    if (!status) return c.json({ ignored: `state ${payload.deployment_status?.state ?? 'missing'}` }, 202);
    const parsed = ZDeployReport.safeParse({
      service: serviceOf(ctx, payload),
      environment: payload.deployment_status?.environment ?? payload.deployment?.environment,
      version: payload.deployment?.sha,
      status,
      url: urlOf(payload),
      commit_sha: payload.deployment?.sha,
      actor: payload.deployment_status?.creator?.login ?? payload.deployment?.creator?.login,
      at: payload.deployment_status?.created_at,
      key: payload.deployment_status?.id === undefined ? undefined : String(payload.deployment_status.id),
    });
    if (!parsed.success)
      throw new AppError(
        'BAD_INPUT',
        parsed.error.issues
          .map((i) => `${i.path.join('.')}: ${i.code === 'invalid_type' ? 'is missing' : i.message}`)
          .join('; '),
      );
    const r = parsed.data;
    const outcome = await recordDeploy(ctx, deployOf(r, 'github', 'github'));
    if (delivery) await isFirstDelivery(ctx.db, deliveryId, 'github');
    if (outcome.kind === 'ignored') {
      ctx.logger.info({ service: r.service }, 'GitHub deployment of a service the catalog does not know: ignored');
      return c.json({ ignored: `${r.service} is not a configured service` }, 202);
    }
    return c.json({ id: outcome.id, repeat: outcome.kind === 'repeat' }, outcome.kind === 'created' ? 201 : 200);
  });
  return routes;
}

const parseJson = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError('BAD_INPUT', 'the body is not JSON');
  }
};

// `deployment.payload.service` when set (the payload may arrive as a JSON string), else the
// configured service that lists the repository, else the repository's name.
function serviceOf(ctx: BotContext, event: DeploymentStatusEvent): string | undefined {
  let extra = event.deployment?.payload;
  if (typeof extra === 'string') {
    try {
      extra = JSON.parse(extra);
    } catch {
      extra = undefined;
    }
  }
  const named = (extra as { service?: unknown } | undefined)?.service;
  if (typeof named === 'string' && named) return named;
  const full = event.repository?.full_name?.toLowerCase();
  const listed = ctx.config.file.services.find((s) => s.repos.some((r) => r.toLowerCase() === full));
  return listed?.id ?? event.repository?.name;
}

const urlOf = (event: DeploymentStatusEvent) =>
  [
    event.deployment_status?.target_url,
    event.deployment_status?.log_url,
    event.deployment_status?.environment_url,
  ].find((u) => typeof u === 'string' && /^https?:\/\//.test(u));
