import type { JobSpec } from '../jobs/queue.ts';
import type { ReplyTarget } from '../jobs/handlers/room-setup-jobs.ts';

// Side effects a use case asks for; they are queued in the same transaction as its records.
export const updateHeader = (incidentId: string): JobSpec => ({
  kind: 'slack.update_header',
  incidentId,
  payload: { incidentId },
  // Several changes in a row need one edit of the header, showing the latest state.
  dedupeKey: `header:${incidentId}`,
});

export const postInRoom = (incidentId: string, text: string): JobSpec => ({
  kind: 'slack.post',
  incidentId,
  payload: { incidentId, target: 'room', text },
});

export const announce = (incidentId: string | null, text: string): JobSpec => ({
  kind: 'slack.post',
  incidentId: incidentId ?? undefined,
  payload: { incidentId, target: 'announcements', text },
});

// A channel that is not an incident room (where a freeze outside any incident was set).
export const postInChannel = (channelId: string, text: string): JobSpec => ({
  kind: 'slack.post',
  payload: { channelId, target: 'channel', text },
});

export const refreshChannel = (incidentId: string): JobSpec => ({
  kind: 'slack.setup_channel',
  incidentId,
  payload: { incidentId },
});

export const replyTo = (target: ReplyTarget, text: string): JobSpec => ({
  kind: 'slack.reply',
  payload: { ...target, text },
});
