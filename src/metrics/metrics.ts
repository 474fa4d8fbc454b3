import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Db } from '../store/database.ts';

// What `GET /metrics` shows (SPEC.md "Insights", its /metrics bullet). Counters and the histogram
// count what this process did (sum them across replicas); gauges are read from the database when
// scraped, so every replica repeats them (aggregate with `max by`).
export class BotMetrics {
  readonly registry = new Registry();

  readonly gateDecisions = new Counter({
    name: 'incident_bot_gate_decisions_total',
    help: 'Deploy gate answers by result (allowed, frozen, bad_input, unauthorized).',
    labelNames: ['result'] as const,
    registers: [this.registry],
  });

  readonly slackErrors = new Counter({
    name: 'incident_bot_slack_call_errors_total',
    help: 'Slack Web API calls that failed (refused, rate limited or unreachable), by method.',
    labelNames: ['method'] as const,
    registers: [this.registry],
  });

  readonly ackSeconds = new Histogram({
    name: 'incident_bot_command_ack_seconds',
    help: 'Time from a Slack request (command, button, form, shortcut) to its acknowledgement; Slack waits 3 s.',
    labelNames: ['kind'] as const,
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 1.5, 2, 2.5, 3, 5],
    registers: [this.registry],
  });

  constructor(db: Db, now: () => Date) {
    const registers = [this.registry];
    new Gauge({
      name: 'incident_bot_open_incidents',
      help: 'Open incidents (drills left out) by severity ("none" before one is set).',
      labelNames: ['severity'] as const,
      registers,
      async collect() {
        const rows = await db.incident.groupBy({
          by: ['severity'],
          where: { status: { notIn: ['resolved', 'cancelled'] }, isDrill: false },
          _count: { _all: true },
        });
        this.reset();
        for (const row of rows) this.set({ severity: row.severity ?? 'none' }, row._count._all);
      },
    });
    new Gauge({
      name: 'incident_bot_active_freezes',
      help: 'Deploy freezes in force now.',
      registers,
      async collect() {
        const at = now();
        this.set(
          await db.freeze.count({
            where: { liftedAt: null, startedAt: { lte: at }, OR: [{ expiresAt: null }, { expiresAt: { gt: at } }] },
          }),
        );
      },
    });
    new Gauge({
      name: 'incident_bot_changes',
      help: 'Deploys reported (POST /api/v1/deploys, GitHub), by status.',
      labelNames: ['status'] as const,
      registers,
      async collect() {
        const rows = await db.change.groupBy({ by: ['status'], _count: { _all: true } });
        this.reset();
        for (const row of rows) this.set({ status: row.status }, row._count._all);
      },
    });
    // Both job gauges come from one query: a scrape collects them together and shares it.
    let dueQuery: Promise<{ n: bigint; oldest: Date | null }[]> | null = null;
    const dueJobs = () => {
      dueQuery ??= db
        .$queryRawUnsafe<{ n: bigint; oldest: Date | null }[]>(
          `SELECT count(*) AS n, min("runAt") AS oldest FROM "Job" WHERE status = 'pending' AND "runAt" <= now()`,
        )
        .finally(() => {
          dueQuery = null;
        });
      return dueQuery;
    };
    new Gauge({
      name: 'incident_bot_jobs_due',
      help: 'Side effects waiting to run now (timers set for later left out); growing means a service is failing.',
      registers,
      async collect() {
        const [row] = await dueJobs();
        this.set(Number(row?.n ?? 0));
      },
    });
    new Gauge({
      name: 'incident_bot_oldest_due_job_seconds',
      help: 'How long the oldest due side effect has waited (0 when none).',
      registers,
      async collect() {
        const [row] = await dueJobs();
        this.set(row?.oldest ? Math.max(0, (now().getTime() - new Date(row.oldest).getTime()) / 1_000) : 0);
      },
    });
  }
}
