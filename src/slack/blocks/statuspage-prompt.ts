import type { KnownBlock } from '@slack/types';

export const STATUSPAGE_PROMPT_ACTION = 'statuspage_prompt_';

export const publishResolvedQuestion = (ref: string, title: string) =>
  `${ref} has ended, but “${title}” is still open on the status page. Post a resolved update?`;
export const shortPublishResolvedQuestion = (ref: string) => `Tell customers ${ref} is resolved?`;

// [Post "resolved"] [Not now]: the status page says nothing on its own.
export function statuspagePromptBlocks(promptId: string, question: string): KnownBlock[] {
  return [
    { type: 'section', text: { type: 'mrkdwn', text: `:globe_with_meridians: ${question}` } },
    {
      type: 'actions',
      block_id: `statuspage_prompt:${promptId}`,
      elements: [
        {
          type: 'button',
          action_id: `${STATUSPAGE_PROMPT_ACTION}publish`,
          value: promptId,
          style: 'primary',
          text: { type: 'plain_text', text: 'Post "resolved"' },
        },
        {
          type: 'button',
          action_id: `${STATUSPAGE_PROMPT_ACTION}skip`,
          value: promptId,
          text: { type: 'plain_text', text: 'Not now' },
        },
      ],
    },
  ];
}
