import type { KnownBlock } from '@slack/types';
import { cutText } from '../../domain/text.ts';

export const FILE_ITEMS_ACTION = 'file_action_items';

// The draft's summary, with [File action items in Linear] while some are not filed.
export function summaryBlocks(text: string, incidentId: string): KnownBlock[] {
  return [
    { type: 'section', text: { type: 'mrkdwn', text: cutText(text, 2_900) } },
    {
      type: 'actions',
      block_id: `postmortem:${incidentId}`,
      elements: [
        {
          type: 'button',
          action_id: FILE_ITEMS_ACTION,
          value: incidentId,
          text: { type: 'plain_text', text: 'File action items in Linear' },
        },
      ],
    },
  ];
}
