import type { BotContext } from '../../context.ts';
import type { IncidentEvent, IncidentFacts } from '../../domain/events.ts';
import { classifySlackError, slackErrorCode } from '../../slack/errors.ts';
import { announcementText, roomText } from '../../slack/messages/incident-events.ts';
import { postOnce } from '../../slack/post-once.ts';
import type { Job } from '../../store/generated/client.ts';
import { RetryLater } from '../errors.ts';
import type { JobOutcome } from '../worker.ts';
import { announcementsChannel } from './announce.ts';

// `text`: worded already, by a job handler (or queued by a version that worded messages in use cases).
type Message = { event: IncidentEvent; incident: IncidentFacts | null } | { text: string };
export type PostPayload = Message &
  (
    | { incidentId: string; target: 'room' }
    | { incidentId: string | null; target: 'announcements' }
    | { channelId: string; target: 'channel' }
  );

const wordFor = (payload: PostPayload) => {
  if ('text' in payload) return payload.text;
  const word = payload.target === 'announcements' ? announcementText : roomText;
  return word(payload.event, payload.incident);
};

// A message in the incident's room or the announcements channel, posted once.
export async function post(ctx: BotContext, job: Job): Promise<JobOutcome> {
  const payload = job.payload as PostPayload;
  const channel =
    payload.target === 'room'
      ? await roomChannel(ctx, payload.incidentId)
      : payload.target === 'channel'
        ? payload.channelId
        : await announcementsChannel(ctx);
  if (!channel) return {};
  const ts = await postOnce(ctx, job, { channel, text: wordFor(payload) });
  return { result: { channel, ts } };
}

async function roomChannel(ctx: BotContext, incidentId: string): Promise<string> {
  const incident = await ctx.db.incident.findUniqueOrThrow({ where: { id: incidentId } });
  // A command can arrive while the room is still being created.
  if (!incident.channelId) throw new RetryLater('the incident channel does not exist yet');
  return incident.channelId;
}

export async function invite(ctx: BotContext, job: Job): Promise<JobOutcome> {
  const { incidentId, users } = job.payload as { incidentId: string; users: string[] };
  const channel = await roomChannel(ctx, incidentId);
  try {
    await ctx.slack.conversations.invite({ channel, users: users.join(',') });
  } catch (error) {
    if (slackErrorCode(error) !== 'already_in_channel') throw classifySlackError(error);
  }
  return {};
}
