import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import type { ListenerDeps } from '../deps.ts';
import { publishHome } from '../home/publish-home.ts';

type Args = SlackEventMiddlewareArgs<'app_home_opened'> & AllMiddlewareArgs;

// The Home tab is drawn afresh each time someone opens it (the Messages tab needs nothing).
export function appHomeOpened(deps: ListenerDeps) {
  return async ({ event, client }: Args) => {
    if (event.tab !== 'home') return;
    await publishHome(deps.ctx, client, event.user);
  };
}
