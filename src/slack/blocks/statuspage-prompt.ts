import type { KnownBlock } from '@slack/types';
import { twoButtonQuestion } from './question.ts';

export const STATUSPAGE_PROMPT_ACTION = 'statuspage_prompt_';

export const publishResolvedQuestion = (ref: string, title: string) =>
  `${ref} has ended, but “${title}” is still open on the status page. Post a resolved update?`;
export const shortPublishResolvedQuestion = (ref: string) => `Tell customers ${ref} is resolved?`;

// [Post "resolved"] [Not now]: the status page says nothing on its own.
export function statuspagePromptBlocks(promptId: string, question: string): KnownBlock[] {
  return twoButtonQuestion({
    promptId,
    text: `:globe_with_meridians: ${question}`,
    actionPrefix: STATUSPAGE_PROMPT_ACTION,
    yes: { answer: 'publish', label: 'Post "resolved"' },
    no: { answer: 'skip', label: 'Not now' },
  });
}
