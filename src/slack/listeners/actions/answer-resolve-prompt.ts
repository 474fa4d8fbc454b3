import { RESOLVE_PROMPT_ACTION } from '../../blocks/resolve-prompt.ts';
import type { ListenerDeps } from '../deps.ts';
import { promptButtons } from './prompt-buttons.ts';

// [Resolve] / [Keep it open], asked when PagerDuty resolved a linked incident.
export const answerResolvePromptAction = (deps: ListenerDeps) =>
  promptButtons(deps, RESOLVE_PROMPT_ACTION, ['yes', 'no'], (promptId, answer) => ({
    name: 'answer_resolve_prompt',
    promptId,
    resolve: answer === 'yes',
  }));
