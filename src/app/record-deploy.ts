import type { Config } from '../config/index.ts';
import type { Clock } from '../domain/clock.ts';
import { type ChangeStatus, type DeployReport, isBadNews } from '../domain/changes.ts';
import { enqueue, type JobSpec } from '../jobs/queue.ts';
import type { Db } from '../store/database.ts';
import type { Prisma } from '../store/generated/client.ts';
import { postInRoom } from './effects.ts';

export type Deploy = {
  service: string;
  environment: string;
  version: string;
  status: ChangeStatus;
  pipeline: string;
  url?: string | null;
  commitSha?: string | null;
  committedAt?: Date | null;
  actor?: string | null;
  at?: Date | null;
  key?: string | null;
  source: 'api' | 'github';
};

// A report as CI (or GitHub, translated) sends it, as the record wants it.
export const deployOf = (report: DeployReport, pipeline: string, source: Deploy['source']): Deploy => ({
  service: report.service,
  environment: report.environment,
  version: report.version,
  status: report.status,
  pipeline,
  url: report.url,
  commitSha: report.commit_sha,
  committedAt: report.committed_at ? new Date(report.committed_at) : null,
  actor: report.actor,
  at: report.at ? new Date(report.at) : null,
  key: report.key,
  source,
});

// created: a new change; repeat: the same key was reported before (the same change); ignored: a
// service the catalog does not know (never refused: a pipeline must not fail on it).
export type DeployOutcome = { kind: 'created' | 'repeat'; id: string } | { kind: 'ignored' };

// A deploy reported by CI or GitHub. A failed or rolled-back deploy of a service an open incident
// is about is posted in its room at once, saying which freeze exception let it through, if one did.
export async function recordDeploy(
  { db, clock, config }: { db: Db; clock: Clock; config: Config },
  deploy: Deploy,
): Promise<DeployOutcome> {
  const catalog = config.file.services;
  if (catalog.length && !catalog.some((s) => s.id === deploy.service)) return { kind: 'ignored' };
  const now = clock.now();
  const key = deploy.key ? `${deploy.pipeline}:${deploy.key}` : null;
  const data = changeRow(deploy, key, now);
  // Most deploys are news to nobody: one statement records them (the gate shares this process with
  // pipelines reporting at CI's pace). A failed one is recorded with its room posts, atomically.
  if (!isBadNews(deploy.status)) return insertChange(db, data);
  return db.$transaction(async (tx) => {
    const outcome = await insertChange(tx, data);
    if (outcome.kind === 'created') {
      const change = await tx.change.findUniqueOrThrow({ where: { id: outcome.id } });
      await enqueue(tx, now, await roomNotices(tx, change));
    }
    return outcome;
  });
}

const changeRow = (deploy: Deploy, key: string | null, now: Date) => ({
  service: deploy.service,
  environment: deploy.environment,
  version: deploy.version,
  status: deploy.status,
  pipeline: deploy.pipeline,
  url: deploy.url ?? null,
  commitSha: deploy.commitSha ?? null,
  committedAt: deploy.committedAt ?? null,
  actor: deploy.actor ?? null,
  occurredAt: deploy.at ?? now,
  recordedAt: now,
  key,
  source: deploy.source,
});

// One statement, written by hand: at CI's pace the query builder's own work was most of a report's
// cost in the process that also answers the deploy gate.
async function insertChange(
  db: Db | Prisma.TransactionClient,
  data: ReturnType<typeof changeRow>,
): Promise<Exclude<DeployOutcome, { kind: 'ignored' }>> {
  const rows = await db.$queryRawUnsafe<{ id: string }[]>(
    `INSERT INTO "Change" (id, service, environment, version, status, pipeline, url, "commitSha", "committedAt",
       actor, "occurredAt", "recordedAt", key, source)
     VALUES (gen_random_uuid(), $1, $2, $3, $4, $5, $6, $7, $8::timestamptz, $9, $10::timestamptz, $11::timestamptz, $12, $13)
     ON CONFLICT (key) DO NOTHING RETURNING id`,
    data.service,
    data.environment,
    data.version,
    data.status,
    data.pipeline,
    data.url,
    data.commitSha,
    data.committedAt,
    data.actor,
    data.occurredAt,
    data.recordedAt,
    data.key,
    data.source,
  );
  if (rows[0]) return { kind: 'created', id: rows[0].id };
  const existing = await db.$queryRawUnsafe<{ id: string }[]>('SELECT id FROM "Change" WHERE key = $1', data.key);
  return { kind: 'repeat', id: existing[0]!.id };
}

type Tx = Prisma.TransactionClient;
type ChangeRow = Awaited<ReturnType<Tx['change']['create']>>;

async function roomNotices(tx: Tx, change: ChangeRow): Promise<JobSpec[]> {
  const incidents = await tx.incident.findMany({
    where: { status: { in: ['investigating', 'identified', 'monitoring'] }, services: { has: change.service } },
  });
  if (!incidents.length) return [];
  // An exception for this version (as typed: a short SHA names the full one) that was in force when
  // the deploy happened or was reported (CI reports after the fact).
  const exceptions = await tx.freezeException.findMany({
    where: {
      service: change.service,
      grantedAt: { lte: change.recordedAt },
      expiresAt: { gte: change.occurredAt },
      OR: [{ revokedAt: null }, { revokedAt: { gt: change.occurredAt } }],
    },
    orderBy: { grantedAt: 'desc' },
  });
  const exception =
    exceptions.find((e) => change.version === e.version || change.version.startsWith(e.version)) ?? null;
  return incidents.map((incident) =>
    postInRoom(incident, {
      type: 'deploy_reported',
      change: changeFacts(change),
      exception: exception && { grantedBy: exception.grantedBy, reason: exception.reason },
    }),
  );
}

export const changeFacts = (c: ChangeRow) => ({
  service: c.service,
  environment: c.environment,
  version: c.version,
  status: c.status,
  pipeline: c.pipeline,
  url: c.url,
  at: c.occurredAt.toISOString(),
});
