import { postInRoom } from '../../app/effects.ts';
import { findSuspects } from '../../app/suspects.ts';
import type { BotContext } from '../../context.ts';
import type { Job } from '../../store/generated/client.ts';
import type { JobOutcome } from '../worker.ts';

// The suspects message: read when the job runs (after the room exists), posted in the room's order.
export async function suspects(ctx: BotContext, job: Job): Promise<JobOutcome> {
  const { incidentId, services } = job.payload as { incidentId: string; services: string[] };
  const found = await findSuspects(ctx, incidentId, services);
  // A team that reports no deploys is not told after every declaration that none were reported.
  if (!found.changes.length && !found.anyReported) return { result: { skipped: 'no deploys are reported' } };
  const query = new URLSearchParams({ service: services.join(','), from: found.since.toISOString() });
  return {
    followUps: [
      postInRoom(found.incident, {
        type: 'suspects',
        changes: found.changes,
        more: found.more,
        since: found.since.toISOString(),
        listUrl: `${ctx.publicUrl()}/changes?${query}`,
      }),
    ],
  };
}
