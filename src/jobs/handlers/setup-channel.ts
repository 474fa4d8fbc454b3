import type { BotContext } from '../../context.ts';
import { incidentRef } from '../../domain/incident.ts';
import { channelTopic } from '../../slack/blocks/header.ts';
import { classifySlackError, slackErrorCode } from '../../slack/errors.ts';
import type { Job } from '../../store/generated/client.ts';
import type { JobOutcome } from '../worker.ts';
import { cutText } from '../../domain/text.ts';

// Topic, purpose and invitations: each call is safe to repeat, so a retry simply does them again.
export async function setupChannel(ctx: BotContext, job: Job): Promise<JobOutcome> {
  const { incidentId } = job.payload as { incidentId: string };
  const incident = await ctx.db.incident.findUniqueOrThrow({
    where: { id: incidentId },
    include: { roles: { where: { endedAt: null } } },
  });
  const channel = incident.channelId!;
  const ref = `${incident.isDrill ? 'DRILL ' : ''}${incidentRef(incident.number)}`;
  try {
    await ctx.slack.conversations.setTopic({ channel, topic: channelTopic(incident) });
    await ctx.slack.conversations.setPurpose({ channel, purpose: cutText(`${ref}: ${incident.title}`, 250) });
    const users = await inviteesFor(
      ctx,
      incident.declaredBy,
      incident.roles.map((r) => r.userId),
      incident.services,
    );
    if (users.length) await invite(ctx, channel, users);
  } catch (error) {
    throw classifySlackError(error);
  }
  return {};
}

async function inviteesFor(
  ctx: BotContext,
  declaredBy: string,
  roleHolders: string[],
  services: string[],
): Promise<string[]> {
  const responders = ctx.config.file.services.filter((s) => services.includes(s.id)).flatMap((s) => s.responders);
  const ids = new Set([declaredBy, ...roleHolders]);
  for (const responder of responders) {
    const id = responder.includes('@') ? await lookupByEmail(ctx, responder) : responder;
    if (id) ids.add(id);
  }
  ids.delete(ctx.botUserId);
  return [...ids];
}

async function lookupByEmail(ctx: BotContext, email: string): Promise<string | undefined> {
  try {
    return (await ctx.slack.users.lookupByEmail({ email })).user?.id;
  } catch (error) {
    if (slackErrorCode(error) === 'users_not_found') {
      ctx.logger.warn({ responder: email }, 'configured responder has no Slack account; not invited');
      return undefined;
    }
    throw error;
  }
}

async function invite(ctx: BotContext, channel: string, users: string[]) {
  try {
    await ctx.slack.conversations.invite({ channel, users: users.join(',') });
  } catch (error) {
    if (slackErrorCode(error) !== 'already_in_channel') throw error;
  }
}
