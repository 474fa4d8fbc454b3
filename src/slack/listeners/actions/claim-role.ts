import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { z } from 'zod';
import { ROLES } from '../../../domain/incident.ts';
import { runButtonCommand } from '../button-command.ts';
import type { ListenerDeps } from '../deps.ts';

type Args = SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs;

const ZClaim = z.object({ role: z.enum(ROLES), channelId: z.string().min(1), userId: z.string().min(1) });

// "I'll be commander" on the header: the same as `/incident role commander @me`.
export function claimRole(deps: ListenerDeps) {
  return async ({ ack, action, body }: Args) => {
    const claim = ZClaim.safeParse({ role: action.value, channelId: body.channel?.id, userId: body.user.id });
    if (!claim.success) return ack();
    const { role, userId, channelId } = claim.data;
    await runButtonCommand(
      deps,
      ack,
      { name: 'role', role, userId },
      { userId, channelId, teamId: body.team?.id ?? '' },
    );
  };
}
