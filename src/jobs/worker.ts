import { randomUUID } from 'node:crypto';
import { retryDelayMs } from '../domain/backoff.ts';
import type { Clock } from '../domain/clock.ts';
import { maskSecrets, type Logger } from '../log.ts';
import type { Db } from '../store/database.ts';
import type { Job, Prisma } from '../store/generated/client.ts';
import { asJobFailure, PermanentFailure, RetryLater } from './errors.ts';
import { enqueue, holdsOrderStrictly, type JobSpec } from './queue.ts';
import type { Foreground } from './foreground.ts';
import { Semaphore } from '../semaphore.ts';

export type JobOutcome = {
  // Writes that must commit together with the job being marked done.
  apply?: (tx: Prisma.TransactionClient) => Promise<void>;
  followUps?: JobSpec[];
  result?: Record<string, unknown>;
  // The handler marked the job done in its own transaction (finishedJob), with all it wrote.
  finished?: true;
};

// What marks a job done; a handler that commits its own records uses it in that transaction.
export const finishedJob = (now: Date) =>
  ({
    status: 'done',
    queueKey: null,
    finishedAt: now,
    lockedBy: null,
    lockedUntil: null,
    lastError: null,
  }) as const;

// `inDbSlot` runs database-heavy work (a transaction) in one of the worker's database slots.
export type JobTools = { inDbSlot<T>(work: () => Promise<T>): Promise<T> };
export type JobHandler = (job: Job, tools: JobTools) => Promise<JobOutcome | undefined>;

export type WorkerOptions = {
  db: Db;
  clock: Clock;
  logger: Logger;
  handlers: Record<string, JobHandler>;
  // A job claimed by a process that then died is taken over after this long.
  leaseMs?: number;
  pollMs?: number;
  batchSize?: number;
  // How many background transactions may be open at once. On the embedded database (one
  // connection) this is 1, so a command being acknowledged waits for at most one of them.
  dbSlots?: number;
  // Requests from Slack being acknowledged; background work waits for them (up to a bound).
  foreground?: Foreground;
  // A queued job that has failed this often stops holding up the jobs queued after it.
  holdQueueAttempts?: number;
};

// About a minute of the backoff (2 + 4 + 8 + 16 + 32 s). Commands are refused before this
// (handlers/command.ts): only a side effect, a post or a header edit, is ever let out of order.
const HOLD_QUEUE_ATTEMPTS = 6;

const MAX_YIELD_MS = 1_000;

// A job with a queue key waits while an earlier job with the same key (a lower seq, which the
// database assigned when it was written) is pending or running, retries and backoff included. Two
// workers, in one process or in several, never run two jobs of one queue at once: the earlier job
// counts as long as it is pending or running, and only one worker can lock a row (SKIP LOCKED).
// A job that is given up (failed, cancelled) stops holding its queue. A job lets go of its key
// when it ends, so the check reads only the open jobs of the queue, however long its history.
// Each queue's head (its open job with the lowest seq) is found once per claim, not once per
// candidate: with a deep backlog in one channel, checking each candidate made claiming quadratic.
const QUEUE_HEADS = `WITH heads AS MATERIALIZED (
  SELECT DISTINCT ON ("queueKey") id FROM "Job"
  WHERE "queueKey" IS NOT NULL AND status IN ('pending', 'running')
  ORDER BY "queueKey", seq)`;
const FIRST_IN_ITS_QUEUE = `(j."queueKey" IS NULL OR j.id IN (SELECT id FROM heads))`;

// Runs due jobs from the database. Any number of workers (threads of one process or processes
// sharing one PostgreSQL database) can run at once: claiming uses FOR UPDATE SKIP LOCKED.
export class Worker {
  readonly id = `worker-${randomUUID().slice(0, 8)}`;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  private stopped = true;
  private readonly dbSlots: Semaphore;
  private readonly tools: JobTools;

  constructor(private readonly options: WorkerOptions) {
    this.dbSlots = new Semaphore(options.dbSlots ?? 4);
    this.tools = { inDbSlot: (work) => this.dbSlots.run(work) };
  }

  start() {
    this.stopped = false;
    this.kick();
  }

  async stop() {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  // Asks for a pass as soon as possible (after new jobs were enqueued).
  kick() {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    clearTimeout(this.timer);
    this.running = this.drain()
      .then(() => undefined)
      .catch((error) => this.options.logger.error({ err: error }, 'job worker pass failed'))
      .finally(() => {
        this.running = undefined;
        if (this.stopped) return;
        if (this.again) {
          this.again = false;
          this.kick();
          return;
        }
        this.timer = setTimeout(() => this.kick(), this.options.pollMs ?? 1_000);
        this.timer.unref();
      });
  }

  // Runs every job due now; returns how many ran. Tests call this directly with a fake clock.
  async drain(): Promise<number> {
    let total = 0;
    for (;;) {
      await this.options.foreground?.quiet(MAX_YIELD_MS);
      // Still busy after the wait: take one job, not a batch, so acknowledgements keep priority.
      const jobs = await this.claim(undefined, this.options.foreground?.busy ? 1 : undefined);
      if (!jobs.length) return total;
      await Promise.all(jobs.map((job) => this.run(job)));
      total += jobs.length;
    }
  }

  // Claims and runs one job right away (a command acknowledged a moment ago), unless another worker has it.
  // While other requests are still being acknowledged it leaves the job to the worker loop instead.
  // Resolves once the job has finished (done, failed or cancelled) or `withinMs` has passed: for a
  // listener that shows the outcome itself (the Home tab drawn again after a button).
  async settled(jobId: string, withinMs: number): Promise<boolean> {
    const until = Date.now() + withinMs;
    while (Date.now() < until) {
      const job = await this.options.db.job.findUnique({ where: { id: jobId }, select: { status: true } });
      if (!job || !['pending', 'running'].includes(job.status)) return true;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    return false;
  }

  async runNow(jobId: string): Promise<boolean> {
    await new Promise((resolve) => setImmediate(resolve));
    if (this.options.foreground?.busy && !this.stopped) {
      this.kick();
      return false;
    }
    const [job] = await this.claim(jobId);
    if (!job) return false;
    await this.run(job);
    // Its side effects were queued in the command's own transaction: start them now, not at the next poll.
    this.kick();
    return true;
  }

  private async claim(onlyId?: string, max?: number): Promise<Job[]> {
    const now = this.options.clock.now();
    const leaseUntil = new Date(now.getTime() + (this.options.leaseMs ?? 60_000));
    const [filter, filterParams] = onlyId
      ? [`id = $3::uuid AND status = 'pending'`, [onlyId]]
      : [
          `(status = 'pending' AND "runAt" <= $3::timestamptz) OR (status = 'running' AND "lockedUntil" < $3::timestamptz)`,
          [now],
        ];
    const limit = onlyId ? 1 : (max ?? this.options.batchSize ?? 10);
    return this.dbSlots.run(() =>
      this.options.db.$queryRawUnsafe<Job[]>(
        `${QUEUE_HEADS}
       UPDATE "Job" SET status = 'running', "lockedBy" = $1, "lockedUntil" = $2::timestamptz, attempts = attempts + 1, "dedupeKey" = NULL
       WHERE id IN (SELECT id FROM "Job" j WHERE (${filter}) AND ${FIRST_IN_ITS_QUEUE}
                    ORDER BY "runAt", "createdAt" LIMIT ${limit} FOR UPDATE SKIP LOCKED)
       RETURNING *`,
        this.id,
        leaseUntil,
        ...filterParams,
      ),
    );
  }

  private async run(job: Job) {
    const { logger, handlers, db, clock } = this.options;
    const handler = handlers[job.kind];
    const log = logger.child({ jobId: job.id, kind: job.kind, attempt: job.attempts });
    try {
      if (!handler) throw new PermanentFailure(`no handler for job kind ${job.kind}`);
      const outcome = (await handler(job, this.tools)) ?? {};
      if (outcome.finished) {
        log.debug('job done');
        return;
      }
      await this.dbSlots.run(() =>
        db.$transaction(async (tx) => {
          await outcome.apply?.(tx);
          await tx.job.update({
            where: { id: job.id },
            data: { ...finishedJob(clock.now()), result: outcome.result as Prisma.InputJsonValue },
          });
          await enqueue(tx, clock.now(), outcome.followUps ?? []);
        }),
      );
      log.debug('job done');
      if (outcome.followUps?.length) this.kick();
    } catch (error) {
      await this.fail(job, error, log);
    }
  }

  private async fail(job: Job, failure: unknown, log: Logger) {
    const error = asJobFailure(failure);
    const message = maskSecrets(error instanceof Error ? error.message : String(error));
    const now = this.options.clock.now();
    if (error instanceof PermanentFailure) {
      log.error({ error: message }, 'job failed permanently');
      await this.dbSlots.run(() =>
        this.options.db.job.update({
          where: { id: job.id },
          data: {
            status: 'failed',
            queueKey: null,
            lastError: message,
            finishedAt: now,
            lockedBy: null,
            lockedUntil: null,
          },
        }),
      );
      return;
    }
    const delay = retryDelayMs(job.attempts, error instanceof RetryLater ? error.retryAfterMs : 0);
    // Still retried, but no longer first in its queue: one stuck post must not silence a room.
    const release =
      job.queueKey !== null &&
      !holdsOrderStrictly(job.queueKey) &&
      job.attempts >= (this.options.holdQueueAttempts ?? HOLD_QUEUE_ATTEMPTS);
    log.warn({ error: message, retryInMs: delay, releasedQueue: release || undefined }, 'job failed; will retry');
    await this.dbSlots.run(() =>
      this.options.db.job.update({
        where: { id: job.id },
        data: {
          status: 'pending',
          lastError: message,
          runAt: new Date(now.getTime() + delay),
          lockedBy: null,
          lockedUntil: null,
          ...(release ? { queueKey: null } : {}),
        },
      }),
    );
  }
}

// For a database only this process uses: jobs still marked running were cut off by a crash.
export async function releaseOrphanedJobs(db: Db): Promise<number> {
  const released = await db.job.updateMany({
    where: { status: 'running' },
    data: { status: 'pending', lockedBy: null, lockedUntil: null },
  });
  return released.count;
}
