import type { AllMiddlewareArgs, MessageShortcut, SlackShortcutMiddlewareArgs } from '@slack/bolt';
import { isIncidentChannel } from '../../../app/add-message-to-timeline.ts';
import { timelineNoteModal } from '../../blocks/timeline-note-modal.ts';
import type { ListenerDeps } from '../deps.ts';

type Args = SlackShortcutMiddlewareArgs<MessageShortcut> & AllMiddlewareArgs;

export const ADD_TO_TIMELINE = 'add_to_timeline';

// Message shortcut "Add to incident timeline": asks for an optional note, then the message goes on
// the timeline at its own time, by its author (views/add-to-timeline-note.ts).
export function addToTimeline(deps: ListenerDeps) {
  return async ({ ack, shortcut, respond, client }: Args) => {
    await ack();
    if (!(await isIncidentChannel(deps.ctx.db, shortcut.channel.id))) {
      await respond({
        response_type: 'ephemeral',
        text: 'That message is not in an incident channel, so there is no timeline to add it to.',
      });
      return;
    }
    const metadata = JSON.stringify({ channel: shortcut.channel.id, ts: shortcut.message.ts });
    await client.views.open({ trigger_id: shortcut.trigger_id, view: timelineNoteModal(metadata) });
  };
}
