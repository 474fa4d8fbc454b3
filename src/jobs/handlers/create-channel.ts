import type { BotContext } from '../../context.ts';
import { channelNameFor } from '../../domain/incident.ts';
import { findChannelByName, type ChannelSummary } from '../../slack/find-channel.ts';
import { classifySlackError, slackErrorCode } from '../../slack/errors.ts';
import type { Job } from '../../store/generated/client.ts';
import { roomQueue } from '../queue.ts';
import type { JobOutcome } from '../worker.ts';
import { roomSetupJobs, type ReplyTarget } from './room-setup-jobs.ts';

export type CreateChannelPayload = { incidentId: string; reply: ReplyTarget | null };

const MAX_NAME_ATTEMPTS = 20;
// A channel the bot created up to this long before the incident was declared can still be its own
// (clocks differ); older ones are someone else's.
const ADOPT_SKEW_SECONDS = 120;

// Creates the incident's channel. When a name is taken it checks whether the channel is the one an
// earlier attempt created (answer lost) and adopts it; otherwise it tries the next suffix.
export async function createChannel(ctx: BotContext, job: Job): Promise<JobOutcome> {
  const payload = job.payload as CreateChannelPayload;
  const incident = await ctx.db.incident.findUniqueOrThrow({ where: { id: payload.incidentId } });
  if (incident.channelId) return { followUps: roomSetupJobs(ctx, incident, payload.reply) };

  for (let attempt = 1; attempt <= MAX_NAME_ATTEMPTS; attempt++) {
    const name = channelNameFor(incident.declaredAt, incident.title, attempt);
    const channel = await createOrAdopt(ctx, name, incident.isPrivate, incident.declaredAt);
    if (!channel) continue;
    ctx.logger.info({ incident: incident.number, channel: channel.id }, 'incident channel ready');
    return {
      apply: async (tx) => {
        await tx.incident.update({
          where: { id: incident.id },
          data: { channelId: channel.id, channelName: channel.name },
        });
        // Pages held back so they could link the room, and posts that waited for it, go out now.
        await tx.job.updateMany({
          where: {
            incidentId: incident.id,
            status: 'pending',
            OR: [{ kind: 'pagerduty.page' }, { queueKey: roomQueue(incident.id) }],
          },
          data: { runAt: ctx.clock.now() },
        });
      },
      followUps: roomSetupJobs(ctx, { ...incident, channelId: channel.id }, payload.reply),
      result: { channelId: channel.id, name: channel.name },
    };
  }
  throw new Error(`no free channel name after ${MAX_NAME_ATTEMPTS} attempts`);
}

async function createOrAdopt(
  ctx: BotContext,
  name: string,
  isPrivate: boolean,
  declaredAt: Date,
): Promise<ChannelSummary | null> {
  try {
    const created = await ctx.slack.conversations.create({ name, is_private: isPrivate });
    return created.channel as ChannelSummary;
  } catch (error) {
    if (slackErrorCode(error) !== 'name_taken') throw classifySlackError(error);
  }
  const existing = await findChannelByName(ctx, name).catch((error) => {
    throw classifySlackError(error);
  });
  if (!existing || existing.is_archived || existing.creator !== ctx.botUserId) return null;
  if ((existing.created ?? 0) < declaredAt.getTime() / 1000 - ADOPT_SKEW_SECONDS) return null;
  const owner = await ctx.db.incident.findUnique({ where: { channelId: existing.id } });
  return owner ? null : existing;
}
