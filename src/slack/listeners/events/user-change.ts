import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { endSessionsIfBarred } from '../../../app/web-sessions.ts';
import type { ListenerDeps } from '../deps.ts';

type Args = SlackEventMiddlewareArgs<'user_change'> & AllMiddlewareArgs;

// Slack sends this for every profile edit in the workspace: a deactivated account or one turned
// into a guest loses its web sessions at once; anything else costs no query at all.
export function userChanged(deps: ListenerDeps) {
  return async ({ event }: Args) => {
    const { ctx } = deps;
    await endSessionsIfBarred(ctx.db, ctx.clock.now(), event.user.id, event.user);
  };
}
