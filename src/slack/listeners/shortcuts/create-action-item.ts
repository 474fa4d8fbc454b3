import type { AllMiddlewareArgs, MessageShortcut, SlackShortcutMiddlewareArgs } from '@slack/bolt';
import { z } from 'zod';
import { runButtonCommand } from '../button-command.ts';
import type { ListenerDeps } from '../deps.ts';

type Args = SlackShortcutMiddlewareArgs<MessageShortcut> & AllMiddlewareArgs;

export const CREATE_ACTION_ITEM = 'create_action_item';

const ZMessage = z.object({
  text: z.string().trim().min(1).max(1_000),
  channelId: z.string().min(1),
  ts: z.string().regex(/^\d+\.\d+$/),
});

// Message shortcut "Make an action item": the message's text becomes an item of the incident whose
// channel it is in, linked back to the message.
export function createActionItem(deps: ListenerDeps) {
  return async ({ ack, shortcut, respond }: Args) => {
    const parsed = ZMessage.safeParse({
      text: shortcut.message.text,
      channelId: shortcut.channel.id,
      ts: shortcut.message.ts,
    });
    if (!parsed.success) {
      await ack();
      await respond({
        response_type: 'ephemeral',
        text: 'That message has no text (or more than 1,000 characters) to make an action item from. Use `/incident action <text>`.',
      });
      return;
    }
    const { text, channelId, ts } = parsed.data;
    const permalink = `https://slack.com/archives/${channelId}/p${ts.replace('.', '')}`;
    const command = { name: 'action' as const, text, ownerId: null, priority: null, due: null, theme: null, permalink };
    await runButtonCommand(deps, ack, command, {
      userId: shortcut.user.id,
      channelId,
      teamId: shortcut.team?.id ?? '',
      responseUrl: shortcut.response_url,
    });
  };
}
