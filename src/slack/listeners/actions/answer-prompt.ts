import type { AllMiddlewareArgs, BlockAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { PromptAnswer } from '../../../domain/prompts.ts';
import { PROMPT_ACTION } from '../../blocks/prompt.ts';
import { runButtonCommand } from '../button-command.ts';
import type { ListenerDeps } from '../deps.ts';

type Args = SlackActionMiddlewareArgs<BlockAction> & AllMiddlewareArgs;

// [Keep] [Raise] [Lower] and the level picker on a severity prompt.
export function answerPromptAction(deps: ListenerDeps) {
  return async ({ ack, action, body }: Args) => {
    const { ctx } = deps;
    const kind = action.action_id.slice(PROMPT_ACTION.length);
    let promptId: string | undefined;
    let answer: PromptAnswer | undefined;
    if (action.type === 'button' && ['keep', 'raise', 'lower'].includes(kind)) {
      promptId = action.value;
      answer = kind as 'keep' | 'raise' | 'lower';
    } else if (action.type === 'static_select' && kind === 'level') {
      const [id, level] = (action.selected_option?.value ?? '').split('|');
      const known = ctx.config.file.severities.some((s) => s.id === level);
      if (id && level && known) [promptId, answer] = [id, { level }];
    }
    const channelId = body.channel?.id;
    if (!promptId || !answer || !channelId || !/^[0-9a-f-]{36}$/.test(promptId)) return ack();
    await runButtonCommand(
      deps,
      ack,
      { name: 'answer_prompt', promptId, answer },
      { userId: body.user.id, channelId, teamId: body.team?.id ?? '' },
    );
  };
}
