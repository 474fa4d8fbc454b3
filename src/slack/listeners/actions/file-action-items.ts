import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { runButtonCommand } from '../button-command.ts';
import type { ListenerDeps } from '../deps.ts';

type Args = SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs;

// [File action items in Linear] on the postmortem summary: the same as `/incident postmortem file`.
export function fileActionItemsAction(deps: ListenerDeps) {
  return async ({ ack, body }: Args) => {
    const channelId = body.channel?.id;
    if (!channelId) return ack();
    await runButtonCommand(
      deps,
      ack,
      { name: 'postmortem_file' },
      { userId: body.user.id, channelId, teamId: body.team?.id ?? '', responseUrl: body.response_url },
    );
  };
}
