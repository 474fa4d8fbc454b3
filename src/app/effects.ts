import type { IncidentEvent, IncidentFacts, PromptQuestion, ReplyEvent } from '../domain/events.ts';
import type { ReplyTarget } from '../jobs/handlers/room-setup-jobs.ts';
import { type JobSpec, roomQueue } from '../jobs/queue.ts';
import { replyJob, roomPost } from '../jobs/message-jobs.ts';

// Side effects a use case asks for; they are queued in the same transaction as its records.
// Messages carry what happened (src/domain/events.ts); the job that posts them words them.
export const updateHeader = (incidentId: string): JobSpec => ({
  kind: 'slack.update_header',
  incidentId,
  payload: { incidentId },
  // Several changes in a row need one edit of the header, showing the latest state.
  dedupeKey: `header:${incidentId}`,
  queueKey: roomQueue(incidentId),
});

type Incident = IncidentFacts & { id: string };
const facts = ({ number, title, isDrill }: Incident): IncidentFacts => ({ number, title, isDrill });

export const postInRoom = (incident: Incident, event: IncidentEvent): JobSpec =>
  roomPost(incident.id, { incident: facts(incident), event });

// The announcements channel; incident null for a freeze outside any incident.
export const announce = (incident: Incident | null, event: IncidentEvent): JobSpec => ({
  kind: 'slack.post',
  incidentId: incident?.id,
  payload: { incidentId: incident?.id ?? null, target: 'announcements', incident: incident && facts(incident), event },
});

// A channel that is not an incident room (where a freeze outside any incident was set).
export const postInChannel = (channelId: string, event: IncidentEvent): JobSpec => ({
  kind: 'slack.post',
  payload: { channelId, target: 'channel', incident: null, event },
});

export const refreshChannel = (incidentId: string): JobSpec => ({
  kind: 'slack.setup_channel',
  incidentId,
  payload: { incidentId },
});

export const replyTo = (target: ReplyTarget, event: ReplyEvent): JobSpec => replyJob(target, { event });

// Shows the answer of a prompt in place of its buttons.
export const showPromptAnswer = (
  incidentId: string,
  promptId: string,
  question: PromptQuestion,
  outcome: string,
): JobSpec => ({ kind: 'prompt.update_message', incidentId, payload: { promptId, question, outcome } });
