import type { ReplyTarget } from './handlers/room-setup-jobs.ts';
import { type JobSpec, roomQueue } from './queue.ts';

// Messages a job handler has already worded for Slack (a failure to report, a refusal), queued to
// be posted with the same retries as any other. Use cases queue events instead (app/effects.ts).
export const postTextInRoom = (incidentId: string, text: string): JobSpec => ({
  kind: 'slack.post',
  incidentId,
  payload: { incidentId, target: 'room', text },
  queueKey: roomQueue(incidentId),
});

export const replyWithText = (target: ReplyTarget, text: string): JobSpec => ({
  kind: 'slack.reply',
  payload: { ...target, text },
});
