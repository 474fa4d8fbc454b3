import type { KnownBlock } from '@slack/types';
import { twoButtonQuestion } from './question.ts';

export const RESOLVE_PROMPT_ACTION = 'resolve_prompt_';

export const resolveQuestion = (ref: string) => `PagerDuty resolved its incident. Resolve ${ref} too?`;

// [Resolve] [Keep it open]: a resolve in PagerDuty never ends the Slack incident by itself.
export function resolvePromptBlocks(promptId: string, question: string, pdUrl: string): KnownBlock[] {
  return twoButtonQuestion({
    promptId,
    text: `:pager: ${question}\n<${pdUrl}|The PagerDuty incident>`,
    actionPrefix: RESOLVE_PROMPT_ACTION,
    yes: { answer: 'yes', label: 'Resolve' },
    no: { answer: 'no', label: 'Keep it open' },
  });
}
