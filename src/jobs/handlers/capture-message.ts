import type { CapturePayload } from '../../app/add-message-to-timeline.ts';
import { captureMessage } from '../../app/capture-message.ts';
import type { BotContext } from '../../context.ts';
import { classifySlackError, slackErrorCode } from '../../slack/errors.ts';
import type { Job } from '../../store/generated/client.ts';
import type { JobOutcome } from '../worker.ts';

// Fetches the message and its permalink, then records it.
export async function captureMessageJob(ctx: BotContext, job: Job): Promise<JobOutcome> {
  const p = job.payload as CapturePayload;
  let text: string;
  let authorId: string | undefined;
  let permalink: string | null = null;
  try {
    const history = await ctx.slack.conversations.history({
      channel: p.channel,
      latest: p.ts,
      inclusive: true,
      limit: 1,
    });
    const message = history.messages?.find((m) => m.ts === p.ts);
    // Deleted before we got to it, or a thread reply (not in channel history): nothing to add.
    if (!message) return { result: { skipped: 'message not found' } };
    text = message.text ?? '';
    authorId = message.user ?? message.bot_id;
    permalink = (await ctx.slack.chat.getPermalink({ channel: p.channel, message_ts: p.ts })).permalink ?? null;
  } catch (error) {
    if (slackErrorCode(error) === 'message_not_found') return { result: { skipped: 'message not found' } };
    throw classifySlackError(error);
  }
  const recordedAt = ctx.clock.now();
  return {
    apply: async (tx) => {
      await captureMessage(tx, {
        incidentId: p.incidentId,
        ts: p.ts,
        authorId: authorId ?? null,
        text,
        permalink,
        source: p.source,
        addedBy: p.addedBy,
        note: p.note ?? '',
        recordedAt,
      });
    },
  };
}
