import type { Config } from '../config/index.ts';
import type { Clock } from '../domain/clock.ts';
import type { Prisma } from '../store/generated/client.ts';
import type { ReplyTarget } from '../jobs/handlers/room-setup-jobs.ts';
import type { IncidentWithRoles } from './incident-in-channel.ts';

// What every incident use case receives: the open transaction, the clock, the configuration,
// the incident it acts on and who is acting.
export type IncidentAction = {
  tx: Prisma.TransactionClient;
  clock: Clock;
  config: Config;
  incident: IncidentWithRoles;
  actorId: string;
  // Known when the policy names people by email (looked up before the transaction), else null.
  actorEmail: string | null;
  // When it happened: `--at`, or now. What is recorded also keeps the time it was recorded.
  occurredAt: Date;
  // Whether occurredAt came from the command (`--at`, a leading time) rather than the clock.
  timeGiven: boolean;
  // Where to answer the person privately.
  replyTarget: ReplyTarget;
};
