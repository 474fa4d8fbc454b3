import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { z } from 'zod';
import type { Command } from '../../../domain/commands/parse.ts';
import { runButtonCommand } from '../button-command.ts';
import type { ListenerDeps } from '../deps.ts';

type Args = SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs;

// A question posted with buttons whose action ids are `<prefix><answer>` and whose value is the
// prompt's id: each press becomes a recorded command.
export function promptButtons<A extends string>(
  deps: ListenerDeps,
  prefix: string,
  answers: readonly [A, ...A[]],
  toCommand: (promptId: string, answer: A) => Command,
) {
  const ZAnswer = z.object({ answer: z.enum(answers), promptId: z.uuid(), channelId: z.string().min(1) });
  return async ({ ack, action, body }: Args) => {
    const parsed = ZAnswer.safeParse({
      answer: action.action_id.slice(prefix.length),
      promptId: action.value,
      channelId: body.channel?.id,
    });
    if (!parsed.success) return ack();
    const { answer, promptId, channelId } = parsed.data;
    const context = { userId: body.user.id, channelId, teamId: body.team?.id ?? '', responseUrl: body.response_url };
    await runButtonCommand(deps, ack, toCommand(promptId, answer), context);
  };
}
