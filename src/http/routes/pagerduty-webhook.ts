import { createHmac } from 'node:crypto';
import { Hono } from 'hono';
import { z } from 'zod';
import { handlePagerDutyEvent } from '../../app/handle-pagerduty-event.ts';
import type { BotContext } from '../../context.ts';
import { AppError } from '../../domain/errors.ts';
import { matchesToken } from '../bearer.ts';

export const PAGERDUTY_WEBHOOK_PATH = '/webhooks/pagerduty';

const MAX_BODY_BYTES = 1_000_000;
// Older than this, an event is a replay or a delivery stuck for too long to act on.
const MAX_AGE_MS = 15 * 60_000;

const ZEvent = z.object({
  event: z.object({
    id: z.string().min(1),
    event_type: z.string().min(1),
    occurred_at: z.iso.datetime({ offset: true }),
    agent: z.object({ summary: z.string().optional() }).nullish(),
    data: z.object({
      id: z.string().min(1),
      type: z.string(),
      title: z.string().default(''),
      status: z.string().default(''),
      urgency: z.string().default('high'),
      incident_key: z.string().nullish(),
      html_url: z.string().default(''),
      service: z.object({ id: z.string().min(1) }),
    }),
  }),
});

async function readBody(request: Request): Promise<Buffer> {
  const declared = Number(request.headers.get('content-length') ?? 0);
  if (declared > MAX_BODY_BYTES) throw new AppError('BAD_INPUT', 'body too large');
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (request.body) {
    for await (const chunk of request.body) {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) throw new AppError('BAD_INPUT', 'body too large');
      chunks.push(chunk);
    }
  }
  return Buffer.concat(chunks);
}

// X-PagerDuty-Signature lists one or more `v1=<hex HMAC-SHA256 of the raw body>` (several while a
// secret is being rotated); any one matching is enough.
export function signatureMatches(header: string | undefined, body: Buffer, secret: string): boolean {
  const expected = `v1=${createHmac('sha256', secret).update(body).digest('hex')}`;
  const given = (header ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  let ok = false;
  for (const signature of given) if (matchesToken(signature, expected)) ok = true;
  return ok;
}

// POST /webhooks/pagerduty (V3): signed, de-duplicated by event id, stale events dropped.
export function pagerDutyRoutes(ctx: BotContext): Hono {
  const routes = new Hono();
  routes.post(PAGERDUTY_WEBHOOK_PATH, async (c) => c.json(...(await receive(c.req.raw, ctx))));
  routes.all(PAGERDUTY_WEBHOOK_PATH, () => {
    throw new AppError('BAD_INPUT', `use POST ${PAGERDUTY_WEBHOOK_PATH}`);
  });
  return routes;
}

async function receive(request: Request, ctx: BotContext): Promise<[{ outcome: string }, 202]> {
  const secret = ctx.config.PAGERDUTY_WEBHOOK_SECRET;
  if (!secret)
    throw new AppError('NOT_CONFIGURED', 'PagerDuty webhooks are not configured: set PAGERDUTY_WEBHOOK_SECRET');
  const body = await readBody(request);
  if (!signatureMatches(request.headers.get('x-pagerduty-signature') ?? undefined, body, secret)) {
    ctx.logger.warn('PagerDuty webhook with a missing or wrong signature refused');
    throw new AppError('UNAUTHORIZED', 'bad or missing X-PagerDuty-Signature');
  }
  let json: unknown;
  try {
    json = JSON.parse(body.toString('utf8'));
  } catch {
    throw new AppError('BAD_INPUT', 'the body is not JSON');
  }
  const parsed = ZEvent.safeParse(json);
  // Signed but of a shape we do not act on (a ping, another resource type): accepted, ignored.
  if (!parsed.success || parsed.data.event.data.type !== 'incident') return [{ outcome: 'ignored' }, 202];
  const e = parsed.data.event;
  const occurredAt = new Date(e.occurred_at);
  if (ctx.clock.now().getTime() - occurredAt.getTime() > MAX_AGE_MS) {
    ctx.logger.warn({ eventId: e.id, occurredAt: e.occurred_at }, 'stale PagerDuty event dropped');
    return [{ outcome: 'stale' }, 202];
  }
  const event = {
    id: e.id,
    eventType: e.event_type,
    occurredAt,
    agent: e.agent?.summary ?? null,
    incident: {
      id: e.data.id,
      title: e.data.title,
      status: e.data.status,
      urgency: e.data.urgency,
      incidentKey: e.data.incident_key ?? null,
      serviceId: e.data.service.id,
      url: e.data.html_url,
    },
  };
  const outcome = await ctx.db.$transaction((tx) => handlePagerDutyEvent(ctx, tx, event));
  // A room opened at a freezing level froze deploys: the gate reads afresh.
  if (outcome === 'declared') ctx.deployGate.invalidate();
  return [{ outcome }, 202];
}
