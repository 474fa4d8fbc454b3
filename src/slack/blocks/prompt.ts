import type { KnownBlock } from '@slack/types';
import { formatDuration, intervalToDuration } from 'date-fns';

export const PROMPT_ACTION = 'prompt_answer_';

export function severityQuestion(ref: string, severity: string | null): string {
  return severity ? `Is *${severity}* still right for ${ref}?` : `What severity is ${ref}?`;
}

// [Keep SEVn] [Raise] [Lower] and a picker; every value names the prompt being answered.
export function severityPromptBlocks(
  promptId: string,
  question: string,
  why: string,
  severity: string | null,
  levels: readonly string[],
): KnownBlock[] {
  const button = (answer: string, text: string, style?: 'primary' | 'danger') => ({
    type: 'button' as const,
    action_id: `${PROMPT_ACTION}${answer}`,
    value: promptId,
    text: { type: 'plain_text' as const, text },
    ...(style ? { style } : {}),
  });
  return [
    { type: 'section', text: { type: 'mrkdwn', text: `:thinking_face: ${question}\n_${why}_` } },
    {
      type: 'actions',
      block_id: `prompt:${promptId}`,
      elements: [
        ...(severity
          ? [
              button('keep', `Keep ${severity}`, 'primary'),
              button('raise', 'Raise', 'danger'),
              button('lower', 'Lower'),
            ]
          : []),
        {
          type: 'static_select',
          action_id: `${PROMPT_ACTION}level`,
          placeholder: { type: 'plain_text', text: 'Pick a level' },
          options: levels
            .slice(0, 100)
            .map((l) => ({ value: `${promptId}|${l}`, text: { type: 'plain_text' as const, text: l } })),
        },
      ],
    },
  ];
}

export function answeredText(
  question: string,
  outcome: string,
  byUserId: string,
  askedAt: Date,
  answeredAt: Date,
): string {
  const took =
    formatDuration(intervalToDuration({ start: askedAt, end: answeredAt }), {
      format: ['hours', 'minutes', 'seconds'],
    }) || 'under a second';
  return `:white_check_mark: ${question.replace(/\*/g, '')} ${outcome} by <@${byUserId}> (answered after ${took}).`;
}
