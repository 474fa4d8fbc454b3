import type { Config } from '../config/index.ts';
import { describeScope, nextFreezeReminder, scopeContains, type FreezeScope } from '../domain/freeze.ts';
import { enqueue } from '../jobs/queue.ts';
import { activeFreezeWhere } from '../store/freezes.ts';
import type { Prisma } from '../store/generated/client.ts';
import { insertTimelineEntry } from '../store/timeline.ts';

type Tx = Prisma.TransactionClient;

export type NewFreeze = {
  incidentId: string | null;
  channelId: string | null;
  services: string[];
  environments: string[];
  reason: string;
  createdBy: string;
  startedAt: Date;
  expiresAt: Date | null;
  now: Date;
};

export const reminderSettings = (config: Config) => ({
  remindAfterEnd: config.file.freeze.remind_after_end,
  maxAge: config.file.freeze.max_age,
  remindEvery: config.file.freeze.remind_every,
});

// Whether an active freeze of the incident (or, for null, outside incidents) already covers the scope.
export async function alreadyFrozen(
  tx: Tx,
  incidentId: string | null,
  scope: FreezeScope,
  now: Date,
): Promise<boolean> {
  const active = await tx.freeze.findMany({ where: { incidentId, ...activeFreezeWhere(now) } });
  return active.some((f) => scopeContains(f, scope));
}

// The freeze row, its timeline entry (for an incident's freeze) and its timers: the end of a
// freeze set `--for` a while, and the reminder.
export async function createFreeze(tx: Tx, config: Config, f: NewFreeze) {
  const freeze = await tx.freeze.create({
    data: {
      incidentId: f.incidentId,
      channelId: f.channelId,
      services: f.services,
      environments: f.environments,
      reason: f.reason,
      createdBy: f.createdBy,
      startedAt: f.startedAt,
      expiresAt: f.expiresAt,
    },
  });
  if (f.incidentId) {
    await insertTimelineEntry(tx, {
      incidentId: f.incidentId,
      kind: 'freeze',
      text: `Deploys frozen for ${describeScope(f)}${f.expiresAt ? ' for a set time' : ''}${f.reason ? `: ${f.reason}` : ''}`,
      actorId: f.createdBy,
      occurredAt: f.startedAt,
      recordedAt: f.now,
      data: {
        freezeId: freeze.id,
        services: f.services,
        environments: f.environments,
        expiresAt: f.expiresAt?.toISOString() ?? null,
        // Written into the sentence by whoever shows it (domain/timeline.ts entryText).
        until: f.expiresAt?.toISOString(),
        reason: f.reason,
      },
    });
  }
  const timers = [
    {
      kind: 'freeze.remind',
      incidentId: f.incidentId ?? undefined,
      runAt: nextFreezeReminder(f, null, reminderSettings(config)),
      payload: { freezeId: freeze.id },
      dedupeKey: reminderKey(freeze.id),
    },
  ];
  if (f.expiresAt)
    timers.push({
      kind: 'freeze.expired',
      incidentId: f.incidentId ?? undefined,
      runAt: f.expiresAt,
      payload: { freezeId: freeze.id },
      dedupeKey: `freeze-expired:${freeze.id}`,
    });
  await enqueue(tx, f.now, timers);
  return freeze;
}

export const reminderKey = (freezeId: string) => `freeze-remind:${freezeId}`;

// Moves a freeze's reminder timer (one per freeze) to a new time.
export async function rescheduleReminder(
  tx: Tx,
  freeze: { id: string; incidentId: string | null },
  runAt: Date,
  now: Date,
) {
  const dedupeKey = reminderKey(freeze.id);
  await tx.job.updateMany({ where: { dedupeKey, status: 'pending' }, data: { status: 'cancelled', dedupeKey: null } });
  await enqueue(tx, now, [
    {
      kind: 'freeze.remind',
      incidentId: freeze.incidentId ?? undefined,
      runAt,
      payload: { freezeId: freeze.id },
      dedupeKey,
    },
  ]);
}
