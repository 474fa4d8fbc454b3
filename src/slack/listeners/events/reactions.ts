import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { uncaptureMessage } from '../../../app/capture-message.ts';
import { enqueue } from '../../../jobs/queue.ts';
import type { ListenerDeps } from '../deps.ts';

type Added = SlackEventMiddlewareArgs<'reaction_added'> & AllMiddlewareArgs;
type Removed = SlackEventMiddlewareArgs<'reaction_removed'> & AllMiddlewareArgs;

// The configured reaction (default :pushpin:) on a message in an incident channel puts the message
// on the timeline; taking it off takes it off. Skin-tone variants count as the same reaction.
const baseName = (reaction: string) => reaction.split('::')[0];

export function reactionAdded(deps: ListenerDeps) {
  return async ({ event }: Added) => {
    const { ctx, worker } = deps;
    if (baseName(event.reaction) !== ctx.config.file.timeline_reaction || event.item.type !== 'message') return;
    const incident = await ctx.db.incident.findUnique({ where: { channelId: event.item.channel } });
    if (!incident) return;
    const payload = {
      incidentId: incident.id,
      channel: event.item.channel,
      ts: event.item.ts,
      addedBy: event.user,
      source: 'reaction',
    };
    await ctx.db.$transaction((tx) =>
      enqueue(tx, ctx.clock.now(), [{ kind: 'timeline.capture_message', incidentId: incident.id, payload }]),
    );
    worker.kick();
  };
}

export function reactionRemoved(deps: ListenerDeps) {
  return async ({ event }: Removed) => {
    const { ctx } = deps;
    if (baseName(event.reaction) !== ctx.config.file.timeline_reaction || event.item.type !== 'message') return;
    const incident = await ctx.db.incident.findUnique({ where: { channelId: event.item.channel } });
    if (!incident) return;
    await ctx.db.$transaction((tx) => uncaptureMessage(tx, incident.id, event.item.ts, ctx.clock.now()));
  };
}
