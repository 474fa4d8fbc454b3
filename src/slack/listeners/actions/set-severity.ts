import type { AllMiddlewareArgs, BlockStaticSelectAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { z } from 'zod';
import { runButtonCommand } from '../button-command.ts';
import type { ListenerDeps } from '../deps.ts';

type Args = SlackActionMiddlewareArgs<BlockStaticSelectAction> & AllMiddlewareArgs;

// The severity picker on the header: the same as `/incident sev <level>`.
export function setSeverity(deps: ListenerDeps) {
  return async ({ ack, action, body }: Args) => {
    const { ctx } = deps;
    const levels = ctx.config.file.severities.map((s) => s.id) as [string, ...string[]];
    const picked = z
      .object({ severity: z.enum(levels), channelId: z.string().min(1) })
      .safeParse({ severity: action.selected_option?.value, channelId: body.channel?.id });
    if (!picked.success) return ack();
    await runButtonCommand(
      deps,
      ack,
      { name: 'sev', severity: picked.data.severity, reason: '' },
      { userId: body.user.id, channelId: picked.data.channelId, teamId: body.team?.id ?? '' },
    );
  };
}
