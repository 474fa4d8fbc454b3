import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { z } from 'zod';
import { recordCommand } from '../../../app/record-command.ts';
import { ROLES } from '../../../domain/incident.ts';
import type { ListenerDeps } from '../deps.ts';

type Args = SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs;

const ZClaim = z.object({ role: z.enum(ROLES), channelId: z.string().min(1), userId: z.string().min(1) });

// "I'll be commander" on the header: the same as `/incident role commander @me`.
export function claimRole(deps: ListenerDeps) {
  return async ({ ack, action, body }: Args) => {
    await ack();
    const claim = ZClaim.safeParse({ role: action.value, channelId: body.channel?.id, userId: body.user.id });
    if (!claim.success) return;
    const { ctx, worker } = deps;
    const jobId = await recordCommand(ctx.db, ctx.clock, { name: 'role', role: claim.data.role, userId: claim.data.userId }, {
      userId: claim.data.userId,
      channelId: claim.data.channelId,
      teamId: body.team?.id ?? '',
    });
    await worker.runNow(jobId);
  };
}
