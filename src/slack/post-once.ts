import type { KnownBlock } from '@slack/types';
import type { BotContext } from '../context.ts';
import type { Job } from '../store/generated/client.ts';
import { classifySlackError } from './errors.ts';

const EVENT_TYPE = 'incident_bot_post';

// Posts a message at most once per job, even when an earlier attempt's answer was lost:
// each post carries the job id in its metadata, and a retry looks for it before posting again.
export async function postOnce(
  ctx: BotContext,
  job: Job,
  message: { channel: string; text: string; blocks?: KnownBlock[] },
): Promise<string> {
  try {
    if (job.attempts > 1) {
      const found = await findPostedBy(ctx, message.channel, job.id);
      if (found) return found;
    }
    const result = await ctx.slack.chat.postMessage({
      ...message,
      unfurl_links: false,
      metadata: { event_type: EVENT_TYPE, event_payload: { job_id: job.id } },
    });
    return result.ts!;
  } catch (error) {
    throw classifySlackError(error);
  }
}

async function findPostedBy(ctx: BotContext, channel: string, jobId: string): Promise<string | undefined> {
  const history = await ctx.slack.conversations.history({ channel, limit: 100, include_all_metadata: true });
  const match = history.messages?.find(
    (m) =>
      m.metadata?.event_type === EVENT_TYPE &&
      (m.metadata.event_payload as { job_id?: string } | undefined)?.job_id === jobId,
  );
  return match?.ts;
}
