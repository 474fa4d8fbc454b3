import type { BotContext } from '../../context.ts';
import { channelTopic, type HeaderLinks, headerBlocks, headerText } from '../../slack/blocks/header.ts';
import { classifySlackError, slackErrorCode } from '../../slack/errors.ts';
import { postOnce } from '../../slack/post-once.ts';
import { loadIncidentSummary } from '../../store/incident-summary.ts';
import type { Job } from '../../store/generated/client.ts';
import type { JobOutcome } from '../worker.ts';

export async function postHeader(ctx: BotContext, job: Job): Promise<JobOutcome> {
  const { incidentId } = job.payload as { incidentId: string };
  const view = await loadIncidentSummary(ctx.db, incidentId, ctx.clock.now());
  const channel = view.channelId!;
  const ts =
    view.headerTs ??
    (await postOnce(ctx, job, {
      channel,
      text: headerText(view),
      blocks: headerBlocks(view, ctx.config.file.severities, await headerLinks(ctx, incidentId, view.number)),
    }));
  try {
    await ctx.slack.pins.add({ channel, timestamp: ts });
  } catch (error) {
    if (slackErrorCode(error) !== 'already_pinned') throw classifySlackError(error);
  }
  return {
    apply: async (tx) => void (await tx.incident.update({ where: { id: incidentId }, data: { headerTs: ts } })),
    result: { ts },
  };
}

// Re-renders the header from the current record; edits the one message, never posts another.
export async function updateHeader(ctx: BotContext, job: Job): Promise<JobOutcome> {
  const { incidentId } = job.payload as { incidentId: string };
  const view = await loadIncidentSummary(ctx.db, incidentId, ctx.clock.now());
  // Not posted yet: the header job will render the current state when it runs.
  if (!view.channelId || !view.headerTs) return {};
  try {
    await ctx.slack.chat.update({
      channel: view.channelId,
      ts: view.headerTs,
      text: headerText(view),
      blocks: headerBlocks(view, ctx.config.file.severities, await headerLinks(ctx, incidentId, view.number)),
    });
    await ctx.slack.conversations.setTopic({ channel: view.channelId, topic: channelTopic(view) });
  } catch (error) {
    throw classifySlackError(error);
  }
  return {};
}

async function headerLinks(ctx: BotContext, incidentId: string, number: number): Promise<HeaderLinks> {
  const published = await ctx.db.publicIncident.findUnique({ where: { incidentId }, select: { id: true } });
  return {
    web: `${ctx.publicUrl()}/incidents/${number}`,
    publicIncident: published ? ctx.statusPage.publicIncidentUrl(published.id) : null,
  };
}
