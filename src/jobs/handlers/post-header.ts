import type { BotContext } from '../../context.ts';
import { channelTopic, type HeaderLinks, headerBlocks, headerText } from '../../slack/blocks/header.ts';
import { classifySlackError, slackErrorCode } from '../../slack/errors.ts';
import { postOnce } from '../../slack/post-once.ts';
import { loadIncidentSummary } from '../../store/incident-summary.ts';
import type { Job } from '../../store/generated/client.ts';
import type { JobOutcome } from '../worker.ts';
import { PermanentFailure } from '../errors.ts';
import { roomPost } from '../message-jobs.ts';
import { enqueue } from '../queue.ts';
import { incidentRef } from '../../domain/incident.ts';

const HEADER_REFUSED = 'header-refused';

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
  const links = await headerLinks(ctx, incidentId, view.number);
  try {
    await ctx.slack.chat.update({
      channel: view.channelId,
      ts: view.headerTs,
      text: headerText(view),
      blocks: headerBlocks(view, ctx.config.file.severities, links),
    });
  } catch (error) {
    const failure = classifySlackError(error);
    if (!(failure instanceof PermanentFailure)) throw failure;
    // Slack refused the header as it is now: retrying the same blocks cannot help, and a stale
    // header must not go unnoticed. The room is told once per incident (the notice's job is the
    // record that it was); each later change tries again.
    const code = slackErrorCode(error) ?? 'refused';
    ctx.logger.error({ incidentId, code }, 'Slack refused the header update');
    const text = `:warning: Slack refused to update the pinned header (\`${code}\`), so it may be out of date. The incident is current on the web: <${links.web}|${incidentRef(view.number)}>. I will try again with each change.`;
    return {
      result: { refused: code },
      apply: async (tx) => {
        const notice = roomPost(incidentId, { text, notice: HEADER_REFUSED });
        const told = await tx.job.count({
          where: { incidentId, kind: notice.kind, payload: { path: ['notice'], equals: HEADER_REFUSED } },
        });
        if (!told) await enqueue(tx, ctx.clock.now(), [notice]);
      },
    };
  }
  try {
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
