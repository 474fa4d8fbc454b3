// POST /webhooks/linear (SPEC.md "Follow-ups"): Linear's Issue events, verified with @linear/sdk's
// webhook client (Linear-Signature over the raw body, and the body's webhookTimestamp within 60 s
// of now), repeated deliveries (Linear-Delivery) dropped.
import { LinearWebhookClient } from '@linear/sdk/webhooks';
import { Hono } from 'hono';
import { applyLinearIssue } from '../../app/apply-linear-issue.ts';
import { isFirstDelivery, wasDelivered } from '../../app/first-delivery.ts';
import type { BotContext } from '../../context.ts';
import { AppError } from '../../domain/errors.ts';
import { linearIssueUpdate } from '../../domain/linear-webhook.ts';

export const LINEAR_WEBHOOK_PATH = '/webhooks/linear';

export function linearWebhookRoutes(ctx: BotContext): Hono {
  const routes = new Hono();
  const secret = ctx.config.LINEAR_WEBHOOK_SECRET;
  const client = secret ? new LinearWebhookClient(secret) : null;
  routes.post(LINEAR_WEBHOOK_PATH, async (c) => {
    if (!client) throw new AppError('NOT_CONFIGURED', 'Linear webhooks are not configured: set LINEAR_WEBHOOK_SECRET');
    const body = Buffer.from(await c.req.arrayBuffer());
    const signature = c.req.header('linear-signature') ?? '';
    let valid = false;
    try {
      valid = client.verify(body, signature);
    } catch {
      valid = false;
    }
    if (!valid) throw new AppError('UNAUTHORIZED', 'the Linear-Signature does not match, or the delivery is stale');
    const delivery = c.req.header('linear-delivery');
    const deliveryId = delivery ? `linear:${delivery}` : null;
    if (deliveryId && (await wasDelivered(ctx.db, deliveryId))) return c.json({ duplicate: true });
    let payload: unknown;
    try {
      payload = JSON.parse(body.toString('utf8'));
    } catch {
      throw new AppError('BAD_INPUT', 'the body is not JSON');
    }
    const update = linearIssueUpdate(payload);
    const outcome = update ? await applyLinearIssue(ctx.db, ctx.clock, update) : 'ignored';
    if (deliveryId) await isFirstDelivery(ctx.db, deliveryId, 'linear');
    return c.json({ outcome });
  });
  return routes;
}
