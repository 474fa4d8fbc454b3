import type { BotContext } from '../../context.ts';
import type { ReplyEvent } from '../../domain/events.ts';
import { classifySlackError, slackErrorCode } from '../../slack/errors.ts';
import { replyText } from '../../slack/messages/replies.ts';
import type { Job } from '../../store/generated/client.ts';
import { RetryLater } from '../errors.ts';
import type { JobOutcome } from '../worker.ts';
import type { ReplyTarget } from './room-setup-jobs.ts';

// `text`: worded already, by a job handler (or queued by a version that worded replies in use cases).
export type ReplyPayload = ReplyTarget & ({ event: ReplyEvent } | { text: string });

// Answers the person who ran a command, privately: through the command's response_url while it
// lives (30 minutes), else as an ephemeral message in the channel, else as a direct message.
export async function reply(ctx: BotContext, job: Job): Promise<JobOutcome> {
  const payload = job.payload as ReplyPayload;
  const text = 'text' in payload ? payload.text : replyText(payload.event);
  if (payload.responseUrl && (await viaResponseUrl(payload.responseUrl, text))) return {};
  try {
    await ctx.slack.chat.postEphemeral({ channel: payload.channelId, user: payload.userId, text });
  } catch (error) {
    if (
      !['channel_not_found', 'not_in_channel', 'user_not_in_channel', 'is_archived'].includes(
        slackErrorCode(error) ?? '',
      )
    )
      throw classifySlackError(error);
    await ctx.slack.chat.postMessage({ channel: payload.userId, text }).catch((e) => {
      throw classifySlackError(e);
    });
  }
  return {};
}

// false when the URL has expired (Slack answers 404); retried later when Slack is failing.
async function viaResponseUrl(url: string, text: string): Promise<boolean> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ response_type: 'ephemeral', text }),
    signal: AbortSignal.timeout(10_000),
  }).catch((error: Error) => {
    throw new RetryLater(`response_url unreachable: ${error.message}`);
  });
  if (response.ok) return true;
  if (response.status >= 500 || response.status === 429)
    throw new RetryLater(`response_url answered ${response.status}`);
  return false;
}
