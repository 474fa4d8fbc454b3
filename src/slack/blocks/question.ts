import type { KnownBlock } from '@slack/types';

type Answer = { answer: string; label: string };

// A question posted with two buttons, the first the primary one. Action ids are
// `<actionPrefix><answer>`, the block id `<actionPrefix without its _>:<promptId>` and each button's
// value the prompt's id: what listeners/actions/prompt-buttons.ts reads back.
export function twoButtonQuestion(q: {
  promptId: string;
  text: string;
  actionPrefix: string;
  yes: Answer;
  no: Answer;
}): KnownBlock[] {
  const button = (a: Answer, primary: boolean) => ({
    type: 'button' as const,
    action_id: `${q.actionPrefix}${a.answer}`,
    value: q.promptId,
    ...(primary ? { style: 'primary' as const } : {}),
    text: { type: 'plain_text' as const, text: a.label },
  });
  return [
    { type: 'section', text: { type: 'mrkdwn', text: q.text } },
    {
      type: 'actions',
      block_id: `${q.actionPrefix.replace(/_$/, '')}:${q.promptId}`,
      elements: [button(q.yes, true), button(q.no, false)],
    },
  ];
}
