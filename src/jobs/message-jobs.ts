import type { ReplyTarget } from './handlers/room-setup-jobs.ts';
import { type JobSpec, roomQueue } from './queue.ts';

// The jobs that post in an incident's room and answer a person privately. The message is either
// what happened (use cases, app/effects.ts) or text a job handler has already worded for Slack (a
// failure to report, a refusal); either way it is posted with the same retries and order.
export const roomPost = (incidentId: string, message: Record<string, unknown>): JobSpec => ({
  kind: 'slack.post',
  incidentId,
  payload: { incidentId, target: 'room', ...message },
  queueKey: roomQueue(incidentId),
});

export const replyJob = (target: ReplyTarget, message: Record<string, unknown>): JobSpec => ({
  kind: 'slack.reply',
  payload: { ...target, ...message },
});

export const postTextInRoom = (incidentId: string, text: string) => roomPost(incidentId, { text });

export const replyWithText = (target: ReplyTarget, text: string) => replyJob(target, { text });
