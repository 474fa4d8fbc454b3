import type { KnownBlock } from '@slack/types';

export const RESOLVE_PROMPT_ACTION = 'resolve_prompt_';

export const resolveQuestion = (ref: string) => `PagerDuty resolved its incident. Resolve ${ref} too?`;

// [Resolve] [Keep it open]: a resolve in PagerDuty never ends the Slack incident by itself.
export function resolvePromptBlocks(promptId: string, question: string, pdUrl: string): KnownBlock[] {
  return [
    { type: 'section', text: { type: 'mrkdwn', text: `:pager: ${question}\n<${pdUrl}|The PagerDuty incident>` } },
    {
      type: 'actions',
      block_id: `resolve_prompt:${promptId}`,
      elements: [
        {
          type: 'button',
          action_id: `${RESOLVE_PROMPT_ACTION}yes`,
          value: promptId,
          style: 'primary',
          text: { type: 'plain_text', text: 'Resolve' },
        },
        {
          type: 'button',
          action_id: `${RESOLVE_PROMPT_ACTION}no`,
          value: promptId,
          text: { type: 'plain_text', text: 'Keep it open' },
        },
      ],
    },
  ];
}
