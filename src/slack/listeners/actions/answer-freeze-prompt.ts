import { FREEZE_PROMPT_ACTION } from '../../blocks/freeze-prompt.ts';
import type { ListenerDeps } from '../deps.ts';
import { promptButtons } from './prompt-buttons.ts';

// [Lift the freeze] / [Keep it frozen], asked when an incident ends or leaves a freezing level.
export const answerFreezePromptAction = (deps: ListenerDeps) =>
  promptButtons(deps, FREEZE_PROMPT_ACTION, ['lift', 'keep'], (promptId, answer) => ({
    name: 'answer_freeze_prompt',
    promptId,
    lift: answer === 'lift',
  }));
