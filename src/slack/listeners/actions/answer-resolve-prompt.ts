import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { z } from 'zod';
import { RESOLVE_PROMPT_ACTION } from '../../blocks/resolve-prompt.ts';
import { runButtonCommand } from '../button-command.ts';
import type { ListenerDeps } from '../deps.ts';

type Args = SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs;

const ZAnswer = z.object({ answer: z.enum(['yes', 'no']), promptId: z.uuid(), channelId: z.string().min(1) });

// [Resolve] / [Keep it open], asked when PagerDuty resolved a linked incident.
export function answerResolvePromptAction(deps: ListenerDeps) {
  return async ({ ack, action, body }: Args) => {
    const parsed = ZAnswer.safeParse({ answer: action.action_id.slice(RESOLVE_PROMPT_ACTION.length), promptId: action.value, channelId: body.channel?.id });
    if (!parsed.success) return ack();
    const { answer, promptId, channelId } = parsed.data;
    const context = { userId: body.user.id, channelId, teamId: body.team?.id ?? '', responseUrl: body.response_url };
    await runButtonCommand(deps, ack, { name: 'answer_resolve_prompt', promptId, resolve: answer === 'yes' }, context);
  };
}
