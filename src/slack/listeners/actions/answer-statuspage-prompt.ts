import { STATUSPAGE_PROMPT_ACTION } from '../../blocks/statuspage-prompt.ts';
import type { ListenerDeps } from '../deps.ts';
import { promptButtons } from './prompt-buttons.ts';

// [Post "resolved"] / [Not now], asked when an incident ends while its public incident is open.
export const answerStatuspagePromptAction = (deps: ListenerDeps) =>
  promptButtons(deps, STATUSPAGE_PROMPT_ACTION, ['publish', 'skip'], (promptId, answer) => ({
    name: 'answer_statuspage_prompt',
    promptId,
    publish: answer === 'publish',
  }));
