import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { z } from 'zod';
import { FREEZE_PROMPT_ACTION } from '../../blocks/freeze-prompt.ts';
import { runButtonCommand } from '../button-command.ts';
import type { ListenerDeps } from '../deps.ts';

type Args = SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs;

const ZAnswer = z.object({ answer: z.enum(['lift', 'keep']), promptId: z.uuid(), channelId: z.string().min(1) });

// [Lift the freeze] / [Keep it frozen], asked when an incident ends or leaves a freezing level.
export function answerFreezePromptAction(deps: ListenerDeps) {
  return async ({ ack, action, body }: Args) => {
    const parsed = ZAnswer.safeParse({ answer: action.action_id.slice(FREEZE_PROMPT_ACTION.length), promptId: action.value, channelId: body.channel?.id });
    if (!parsed.success) return ack();
    const { answer, promptId, channelId } = parsed.data;
    const context = { userId: body.user.id, channelId, teamId: body.team?.id ?? '', responseUrl: body.response_url };
    await runButtonCommand(deps, ack, { name: 'answer_freeze_prompt', promptId, lift: answer === 'lift' }, context);
  };
}
