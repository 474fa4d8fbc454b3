import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { addMessageToTimeline, removeReactionMessage } from '../../../app/add-message-to-timeline.ts';
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
    const { channel, ts } = event.item;
    const added = await addMessageToTimeline({
      db: ctx.db,
      clock: ctx.clock,
      channel,
      ts,
      addedBy: event.user,
      source: 'reaction',
    });
    if (added) worker.kick();
  };
}

export function reactionRemoved(deps: ListenerDeps) {
  return async ({ event }: Removed) => {
    const { ctx } = deps;
    if (baseName(event.reaction) !== ctx.config.file.timeline_reaction || event.item.type !== 'message') return;
    await removeReactionMessage({ db: ctx.db, clock: ctx.clock, channel: event.item.channel, ts: event.item.ts });
  };
}
