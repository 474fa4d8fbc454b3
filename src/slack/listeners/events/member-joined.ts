import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { enqueue } from '../../../jobs/queue.ts';
import { addParticipant } from '../../../store/participants.ts';
import type { ListenerDeps } from '../deps.ts';

type Args = SlackEventMiddlewareArgs<'member_joined_channel'> & AllMiddlewareArgs;

// Someone joining an incident channel is recorded as a participant and gets a private catch-up.
export function memberJoined(deps: ListenerDeps) {
  return async ({ event }: Args) => {
    const { ctx, worker } = deps;
    if (event.user === ctx.botUserId) return;
    const incident = await ctx.db.incident.findUnique({ where: { channelId: event.channel } });
    if (!incident) return;
    await ctx.db.$transaction(async (tx) => {
      await addParticipant(tx, incident.id, event.user);
      await enqueue(tx, ctx.clock.now(), [
        { kind: 'slack.catch_up', incidentId: incident.id, payload: { incidentId: incident.id, userId: event.user } },
      ]);
    });
    worker.kick();
  };
}
