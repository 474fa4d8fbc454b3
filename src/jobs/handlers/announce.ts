import type { BotContext } from '../../context.ts';
import { incidentRef } from '../../domain/incident.ts';
import { escapeText } from '../../slack/blocks/format.ts';
import { classifySlackError } from '../../slack/errors.ts';
import { findChannelByName, isChannelId } from '../../slack/find-channel.ts';
import { postOnce } from '../../slack/post-once.ts';
import type { Job } from '../../store/generated/client.ts';
import type { JobOutcome } from '../worker.ts';

export async function announceDeclared(ctx: BotContext, job: Job): Promise<JobOutcome> {
  const { incidentId } = job.payload as { incidentId: string };
  const incident = await ctx.db.incident.findUniqueOrThrow({ where: { id: incidentId } });
  if (incident.isPrivate) return {};
  const channel = await announcementsChannel(ctx);
  if (!channel) return {};
  const label = `${incident.isDrill ? '[DRILL] ' : ''}${incidentRef(incident.number)}`;
  const severity = incident.severity ? ` (${incident.severity})` : '';
  const text = `:rotating_light: ${label}${severity} declared by <@${incident.declaredBy}>: ${escapeText(incident.title)}. Join <#${incident.channelId}>`;
  const ts = await postOnce(ctx, job, { channel, text });
  return { result: { channel, ts } };
}

// Resolved once per process: a channel's id outlives renames.
const resolvedIds = new WeakMap<BotContext, Map<string, string>>();

export const announcementsChannel = (ctx: BotContext) => configuredChannel(ctx, ctx.config.file.announcements_channel);

// A channel the configuration names (announcements, the insights digest), by name or id; the bot
// joins a public one if it is not in it.
export async function configuredChannel(ctx: BotContext, configured: string | undefined): Promise<string | undefined> {
  if (!configured) return undefined;
  if (isChannelId(configured)) return configured;
  const ids = resolvedIds.get(ctx) ?? new Map<string, string>();
  resolvedIds.set(ctx, ids);
  const known = ids.get(configured);
  if (known) return known;
  try {
    const found = await findChannelByName(ctx, configured.replace(/^#/, ''));
    if (!found) {
      ctx.logger.warn({ channel: configured }, 'configured channel not found; nothing posted there');
      return undefined;
    }
    if (!found.is_member) await ctx.slack.conversations.join({ channel: found.id });
    ids.set(configured, found.id);
    return found.id;
  } catch (error) {
    throw classifySlackError(error);
  }
}
