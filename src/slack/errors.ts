import { webApi } from '@slack/bolt';
import { PermanentFailure, RetryLater } from '../jobs/errors.ts';

// Slack answers that no retry can fix: the request itself is wrong.
const PERMANENT = new Set([
  'invalid_blocks',
  'invalid_arguments',
  'msg_too_long',
  // Slack's undocumented bound on the text across one message's blocks (SPEC.md "Slack's limits").
  'msg_blocks_too_long',
  'too_long',
  'invalid_name_maxlength',
  'no_text',
  'too_many_attachments',
  'invalid_metadata_format',
  'unknown_method',
]);

// Turns a Web API failure into what the queue should do with it.
export function classifySlackError(error: unknown): Error {
  const code = (error as { code?: string }).code;
  if (code === webApi.ErrorCode.RateLimitedError) {
    const seconds = (error as webApi.WebAPIRateLimitedError).retryAfter;
    return new RetryLater('Slack rate limit', seconds * 1_000);
  }
  if (code === webApi.ErrorCode.PlatformError) {
    const slackCode = (error as webApi.WebAPIPlatformError).data.error;
    return PERMANENT.has(slackCode)
      ? new PermanentFailure(`Slack refused: ${slackCode}`)
      : new RetryLater(`Slack error: ${slackCode}`);
  }
  return new RetryLater(error instanceof Error ? error.message : String(error));
}

export function slackErrorCode(error: unknown): string | undefined {
  return (error as { data?: { error?: string } }).data?.error;
}

// The queue owns retries: the client fails fast (no 30-minute retry loop, 429 thrown at once).
export function webClientOptions(slackApiUrl: string) {
  return { slackApiUrl, retryConfig: { retries: 0 }, rejectRateLimitedCalls: true, timeout: 10_000 };
}
