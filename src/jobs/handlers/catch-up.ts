import type { BotContext } from '../../context.ts';
import { catchUpText } from '../../slack/blocks/catch-up.ts';
import { classifySlackError, slackErrorCode } from '../../slack/errors.ts';
import { loadIncidentSummary } from '../../store/incident-summary.ts';
import type { Job } from '../../store/generated/client.ts';
import type { JobOutcome } from '../worker.ts';

const RECENT_ENTRIES = 5;

export async function catchUp(ctx: BotContext, job: Job): Promise<JobOutcome> {
  const { incidentId, userId } = job.payload as { incidentId: string; userId: string };
  const view = await loadIncidentSummary(ctx.db, incidentId, ctx.clock.now());
  const incident = await ctx.db.incident.findUniqueOrThrow({ where: { id: incidentId }, select: { summary: true } });
  const recent = await ctx.db.timelineEntry.findMany({
    where: { incidentId, removedAt: null },
    orderBy: [{ occurredAt: 'desc' }, { recordedAt: 'desc' }, { id: 'desc' }],
    take: RECENT_ENTRIES,
  });
  try {
    await ctx.slack.chat.postEphemeral({
      channel: view.channelId!,
      user: userId,
      text: catchUpText({ ...view, summary: incident.summary, recent: recent.reverse() }),
    });
  } catch (error) {
    // They left again before we got to them: nothing to catch up.
    if (slackErrorCode(error) === 'user_not_in_channel') return {};
    throw classifySlackError(error);
  }
  return {};
}
