import type { GateDecision, GateQuery } from '../domain/freeze.ts';
import type { Logger } from '../log.ts';
import type { Db } from '../store/database.ts';
import { insertTimelineEntry } from '../store/timeline.ts';

type Decision = {
  key: string;
  freezeId: string;
  incidentId: string | null;
  exceptionId: string | null;
  service: string;
  environment: string;
  version: string;
  pipeline: string;
  allowed: boolean;
  reason: string;
  count: number;
  at: Date;
};

const MAX_REMEMBERED = 10_000;

// Records gate decisions that involve a freeze, repeats collapsed into one row (and one timeline
// entry) with a count. The first occurrence of a decision is written before the gate answers; the
// repeats are counted in memory and added every `flushMs`, so a pipeline polling the gate costs no
// database write per request. A crash loses at most the last `flushMs` of repeat counts.
export class GateDecisionLog {
  private readonly written = new Map<string, Promise<void>>();
  private pending = new Map<string, Decision>();
  private flushing: Promise<void> = Promise.resolve();
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly db: Db,
    private readonly logger: Logger,
    flushMs = 1_000,
  ) {
    this.timer = setInterval(() => void this.flush(), flushMs);
    this.timer.unref();
  }

  async record(decision: GateDecision, query: GateQuery, pipeline: string, at: Date): Promise<void> {
    await Promise.all(
      decision.involved.map(({ freeze, exception }) =>
        this.recordOne({
          key: [freeze.id, query.service, query.environment, query.version, pipeline, decision.allowed].join('|'),
          freezeId: freeze.id,
          incidentId: freeze.incident?.id ?? null,
          exceptionId: exception?.id ?? null,
          ...query,
          pipeline,
          allowed: decision.allowed,
          reason: decision.allowed ? 'exception' : freeze.reason,
          count: 1,
          at,
        }),
      ),
    );
  }

  private async recordOne(decision: Decision) {
    const first = this.written.get(decision.key);
    if (first) {
      await first;
      return this.addPending(decision);
    }
    if (this.written.size >= MAX_REMEMBERED) this.written.clear();
    const write = this.write(decision).catch((error) => {
      this.written.delete(decision.key);
      this.addPending(decision);
      this.logger.warn({ err: error }, 'gate decision not recorded yet; will retry');
    });
    this.written.set(decision.key, write);
    await write;
  }

  private addPending(decision: Decision) {
    const known = this.pending.get(decision.key);
    if (known) {
      known.count += decision.count;
      known.at = decision.at;
    } else {
      this.pending.set(decision.key, { ...decision });
    }
  }

  // One flush at a time: a flush asked for while the timer's is writing waits for it, so that when
  // it returns every count taken before the call is in the database.
  flush(): Promise<void> {
    const next = this.flushing.then(() => this.flushPending());
    this.flushing = next.catch(() => {});
    return next;
  }

  private async flushPending(): Promise<void> {
    const batch = [...this.pending.values()];
    this.pending = new Map();
    for (const decision of batch) {
      try {
        await this.write(decision);
      } catch (error) {
        this.addPending(decision);
        this.logger.warn({ err: error, count: decision.count }, 'gate decision counts not recorded yet; will retry');
      }
    }
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await Promise.all(this.written.values());
    await this.flush();
  }

  private async write(d: Decision) {
    await this.db.$transaction(async (tx) => {
      const where = {
        freezeId: d.freezeId,
        service: d.service,
        environment: d.environment,
        version: d.version,
        pipeline: d.pipeline,
        allowed: d.allowed,
      };
      const updated = await tx.gateDecision.updateMany({
        where,
        data: { count: { increment: d.count }, lastAt: d.at },
      });
      if (!updated.count) {
        await tx.gateDecision.create({
          data: {
            ...where,
            incidentId: d.incidentId,
            exceptionId: d.exceptionId,
            reason: d.reason,
            count: d.count,
            firstAt: d.at,
            lastAt: d.at,
          },
        });
      }
      if (!d.incidentId) return;
      const dedupeKey = `gate:${d.key}`;
      const entry = await tx.timelineEntry.updateMany({
        where: { incidentId: d.incidentId, dedupeKey },
        data: { count: { increment: d.count } },
      });
      if (entry.count) return;
      const what = `${d.service}@${d.version} to ${d.environment} (pipeline ${d.pipeline})`;
      await insertTimelineEntry(tx, {
        incidentId: d.incidentId,
        kind: d.allowed ? 'gate_allowed' : 'gate_blocked',
        text: d.allowed ? `Deploy let through by an exception: ${what}` : `Deploy blocked by the freeze: ${what}`,
        actorId: null,
        occurredAt: d.at,
        recordedAt: d.at,
        source: 'deploy-gate',
        dedupeKey,
        count: d.count,
        data: {
          service: d.service,
          environment: d.environment,
          version: d.version,
          pipeline: d.pipeline,
          allowed: d.allowed,
          freezeId: d.freezeId,
        },
      });
    });
  }
}
