import type { KnownBlock } from '@slack/types';
import { twoButtonQuestion } from './question.ts';
import type { FreezePromptTrigger } from '../../domain/freeze.ts';

export const FREEZE_PROMPT_ACTION = 'freeze_prompt_';

const WHY: Record<FreezePromptTrigger, string> = {
  resolved: 'The incident is resolved.',
  cancelled: 'The incident was cancelled.',
  downgraded: 'The new severity does not freeze deploys.',
};

export const liftQuestion = (ref: string, scope: string) =>
  `Deploys of ${scope} are still frozen by ${ref}. Lift the freeze?`;
// How the question reads once answered ("... lifted by @alice").
export const shortLiftQuestion = (ref: string) => `Lift the freeze of ${ref}?`;

// [Lift the freeze] [Keep it]: nothing lifts a freeze without someone choosing to.
export function freezePromptBlocks(promptId: string, question: string, trigger: FreezePromptTrigger): KnownBlock[] {
  return twoButtonQuestion({
    promptId,
    text: `:no_entry: ${question}\n_${WHY[trigger]}_`,
    actionPrefix: FREEZE_PROMPT_ACTION,
    yes: { answer: 'lift', label: 'Lift the freeze' },
    no: { answer: 'keep', label: 'Keep it frozen' },
  });
}
