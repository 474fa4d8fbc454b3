import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { parseFollowUpAction } from '../../blocks/follow-ups.ts';
import { runButtonCommand } from '../button-command.ts';
import type { ListenerDeps } from '../deps.ts';
import { publishHome } from '../home/publish-home.ts';

type Args = SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs;

// [Done] / [Snooze a week] on a reminder, an `/incident actions mine` answer or the Home tab. The
// Home tab has no channel: the answer goes to the person directly, and the tab is drawn again.
export function followUpAction(deps: ListenerDeps) {
  return async ({ ack, action, body, client }: Args) => {
    const parsed = parseFollowUpAction(action.action_id);
    if (!parsed) return ack();
    const userId = body.user.id;
    const jobId = await runButtonCommand(
      deps,
      ack,
      { name: 'follow_up', ...parsed },
      { userId, channelId: body.channel?.id ?? userId, teamId: body.team?.id ?? '', responseUrl: body.response_url },
    );
    if (body.view?.type !== 'home') return;
    // Another worker may have picked the command up first: draw the tab once it has run.
    await deps.worker.settled(jobId, 2_000);
    await publishHome(deps.ctx, client, userId);
  };
}
