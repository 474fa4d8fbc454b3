// Records kept only to recognise a repeat: gone once a repeat can no longer arrive, so the tables
// stay small for a year of use. Sign-in links and sessions go a day after they expire.
import type { Clock } from '../domain/clock.ts';
import { enqueue, type JobSpec } from '../jobs/queue.ts';
import type { Db } from '../store/database.ts';

const HOUR_MS = 3_600_000;
// A signed Slack request is refused past 5 minutes of its timestamp: an hour is plenty.
const SLACK_REQUEST_KEPT_MS = HOUR_MS;
// Slack retries an event three times within minutes; its replays by hand come sooner than a day.
const SLACK_EVENT_KEPT_MS = 24 * HOUR_MS;
// Other senders (PagerDuty, and webhooks to come) may redeliver for days.
const WEBHOOK_KEPT_MS = 7 * 24 * HOUR_MS;
const EXPIRED_KEPT_MS = 24 * HOUR_MS;
export const PRUNE_EVERY_MS = 6 * HOUR_MS;

// What subscribers were told, once every delivery of it has long had its chance; form counts.
const NOTICE_KEPT_MS = 30 * 24 * HOUR_MS;
const RATE_COUNT_KEPT_MS = 2 * 24 * HOUR_MS;

export type Pruned = {
  requests: number;
  events: number;
  webhooks: number;
  logins: number;
  sessions: number;
  notices: number;
  counts: number;
};

export async function pruneRecords(db: Db, clock: Clock): Promise<Pruned> {
  const now = clock.now().getTime();
  const before = (ms: number) => ({ lt: new Date(now - ms) });
  const [requests, events, webhooks, logins, sessions, notices, counts] = await Promise.all([
    db.processedEvent.deleteMany({
      where: { source: 'slack', eventId: { startsWith: 'request:' }, receivedAt: before(SLACK_REQUEST_KEPT_MS) },
    }),
    db.processedEvent.deleteMany({
      where: { source: 'slack', NOT: { eventId: { startsWith: 'request:' } }, receivedAt: before(SLACK_EVENT_KEPT_MS) },
    }),
    db.processedEvent.deleteMany({ where: { source: { not: 'slack' }, receivedAt: before(WEBHOOK_KEPT_MS) } }),
    db.webLoginToken.deleteMany({ where: { expiresAt: before(EXPIRED_KEPT_MS) } }),
    db.webSession.deleteMany({ where: { expiresAt: before(EXPIRED_KEPT_MS) } }),
    db.subscriberNotice.deleteMany({ where: { createdAt: before(NOTICE_KEPT_MS) } }),
    db.rateLimitCount.deleteMany({ where: { windowStart: before(RATE_COUNT_KEPT_MS) } }),
  ]);
  return {
    requests: requests.count,
    events: events.count,
    webhooks: webhooks.count,
    logins: logins.count,
    sessions: sessions.count,
    notices: notices.count,
    counts: counts.count,
  };
}

// One pruning timer for all replicas: while one is pending, starting another replica adds none.
export const nextPrune = (now: Date): JobSpec => ({
  kind: 'housekeeping.prune',
  payload: {},
  runAt: new Date(now.getTime() + PRUNE_EVERY_MS),
  dedupeKey: 'housekeeping:prune',
});

export async function schedulePruning(db: Db, clock: Clock): Promise<void> {
  await db.$transaction((tx) => enqueue(tx, clock.now(), [nextPrune(clock.now())]));
}
