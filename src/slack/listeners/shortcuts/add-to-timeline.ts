import type { AllMiddlewareArgs, MessageShortcut, SlackShortcutMiddlewareArgs } from '@slack/bolt';
import { enqueue } from '../../../jobs/queue.ts';
import type { ListenerDeps } from '../deps.ts';

type Args = SlackShortcutMiddlewareArgs<MessageShortcut> & AllMiddlewareArgs;

export const ADD_TO_TIMELINE = 'add_to_timeline';

// Message shortcut "Add to incident timeline": the message, at its own time, by its author.
export function addToTimeline(deps: ListenerDeps) {
  return async ({ ack, shortcut, respond }: Args) => {
    await ack();
    const { ctx, worker } = deps;
    const incident = await ctx.db.incident.findUnique({ where: { channelId: shortcut.channel.id } });
    if (!incident) {
      await respond({ response_type: 'ephemeral', text: 'That message is not in an incident channel, so there is no timeline to add it to.' });
      return;
    }
    const payload = {
      incidentId: incident.id,
      channel: shortcut.channel.id,
      ts: shortcut.message.ts,
      addedBy: shortcut.user.id,
      source: 'shortcut',
      text: shortcut.message.text ?? '',
      authorId: shortcut.message.user ?? shortcut.message.bot_id,
    };
    await ctx.db.$transaction((tx) => enqueue(tx, ctx.clock.now(), [{ kind: 'timeline.capture_message', incidentId: incident.id, payload }]));
    worker.kick();
    await respond({ response_type: 'ephemeral', text: 'Added to the timeline at the time it was posted.' });
  };
}
