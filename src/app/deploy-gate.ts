import { performance } from 'node:perf_hooks';
import type { Clock } from '../domain/clock.ts';
import { AppError } from '../domain/errors.ts';
import { decideGate, gateAnswer, type GateFreeze, type GateQuery } from '../domain/freeze.ts';
import type { Logger } from '../log.ts';
import type { Db } from '../store/database.ts';
import { loadGateFreezes } from '../store/freezes.ts';
import { GateDecisionLog } from './gate-decision-log.ts';

export type DeployGateOptions = { db: Db; clock: Clock; logger: Logger; maxAgeMs?: number; flushMs?: number };

type Snapshot = { freezes: GateFreeze[]; generation: number; loadedAt: number };

// Answers CI's "may I deploy?" from an in-memory copy of the active freezes. The copy is reloaded
// when this process changes freezes (invalidate) and at least every `maxAgeMs`, which bounds how
// long a freeze set through another replica takes to reach this one (default 1 s); from half that
// age it is reloaded in the background while the copy still answers. Expiry is judged against the
// clock on every request, so a freeze or exception ends on time.
export class DeployGate {
  private snapshot: Snapshot | null = null;
  private loading: Promise<Snapshot> | null = null;
  private generation = 0;
  private readonly maxAgeMs: number;
  readonly decisions: GateDecisionLog;

  constructor(private readonly options: DeployGateOptions) {
    this.maxAgeMs = options.maxAgeMs ?? 1_000;
    this.decisions = new GateDecisionLog(options.db, options.logger, options.flushMs);
  }

  invalidate() {
    this.generation++;
  }

  async check(query: GateQuery, pipeline: string) {
    const now = this.options.clock.now();
    const decision = decideGate(await this.freezes(), query, now);
    if (decision.involved.length) await this.decisions.record(decision, query, pipeline, now);
    return gateAnswer(decision, query);
  }

  stop() {
    return this.decisions.stop();
  }

  private async freezes(): Promise<GateFreeze[]> {
    const s = this.snapshot;
    if (s && s.generation === this.generation) {
      const age = performance.now() - s.loadedAt;
      if (age < this.maxAgeMs) {
        // Ahead of time: a request that found the copy expired would wait for the reload, and
        // every request behind it with it, while pipelines' reports keep the database busy.
        if (age >= this.maxAgeMs / 2) this.startLoading().catch(() => {}); // logged by load()
        return s.freezes;
      }
    }
    const loaded = await this.startLoading();
    // Invalidated while loading: what was read may predate the change.
    return loaded.generation === this.generation ? loaded.freezes : await this.freezes();
  }

  private startLoading(): Promise<Snapshot> {
    this.loading ??= this.load().finally(() => (this.loading = null));
    return this.loading;
  }

  private async load(): Promise<Snapshot> {
    const generation = this.generation;
    const loadedAt = performance.now();
    try {
      const freezes = await loadGateFreezes(this.options.db, this.options.clock.now());
      this.snapshot = { freezes, generation, loadedAt };
      return this.snapshot;
    } catch (error) {
      this.options.logger.error({ err: error }, 'deploy gate cannot read the freezes');
      throw new AppError('UNAVAILABLE', 'the deploy gate cannot read the freezes from its database; try again');
    }
  }
}
