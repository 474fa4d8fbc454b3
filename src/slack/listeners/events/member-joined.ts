import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { joinIncidentChannel } from '../../../app/join-incident-channel.ts';
import type { ListenerDeps } from '../deps.ts';

type Args = SlackEventMiddlewareArgs<'member_joined_channel'> & AllMiddlewareArgs;

// Someone joining an incident channel is recorded as a participant and gets a private catch-up.
export function memberJoined(deps: ListenerDeps) {
  return async ({ event }: Args) => {
    const { ctx, worker } = deps;
    if (event.user === ctx.botUserId) return;
    const joined = await joinIncidentChannel({
      db: ctx.db,
      clock: ctx.clock,
      channelId: event.channel,
      userId: event.user,
    });
    if (joined) worker.kick();
  };
}
