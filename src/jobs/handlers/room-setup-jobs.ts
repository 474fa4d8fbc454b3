import type { BotContext } from '../../context.ts';
import type { ReplyEvent } from '../../domain/events.ts';
import type { JobSpec } from '../queue.ts';

type RoomIncident = { id: string; number: number; isPrivate: boolean; isDrill: boolean; channelId: string | null };
export type ReplyTarget = { responseUrl?: string; channelId: string; userId: string };

// Once the channel exists, these run independently, each with its own retries.
export function roomSetupJobs(ctx: BotContext, incident: RoomIncident, reply: ReplyTarget | null): JobSpec[] {
  const base = { incidentId: incident.id, payload: { incidentId: incident.id } };
  const jobs: JobSpec[] = [
    { kind: 'slack.setup_channel', ...base },
    { kind: 'slack.post_header', ...base },
  ];
  if (ctx.config.file.bookmarks.length) jobs.push({ kind: 'slack.add_bookmarks', ...base });
  if (ctx.pager && !incident.isDrill) jobs.push({ kind: 'pagerduty.invite_oncall', ...base });
  if (!incident.isPrivate && ctx.config.file.announcements_channel)
    jobs.push({ kind: 'slack.announce_declared', ...base });
  if (reply) {
    const event: ReplyEvent = { type: 'incident_opened', number: incident.number, channelId: incident.channelId };
    jobs.push({ kind: 'slack.reply', incidentId: incident.id, payload: { ...reply, event } });
  }
  return jobs;
}
