import type { ModalView } from '@slack/types';

export const TIMELINE_NOTE_MODAL_ID = 'add_to_timeline_note';

// Opened by the message shortcut: the message goes on the timeline, with a note if one is given.
export function timelineNoteModal(privateMetadata: string): ModalView {
  return {
    type: 'modal',
    callback_id: TIMELINE_NOTE_MODAL_ID,
    private_metadata: privateMetadata,
    title: { type: 'plain_text', text: 'Add to timeline' },
    submit: { type: 'plain_text', text: 'Add' },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks: [
      {
        type: 'input',
        block_id: 'note',
        optional: true,
        label: { type: 'plain_text', text: 'Note (optional)' },
        hint: { type: 'plain_text', text: 'The message is added at the time it was posted, by its author.' },
        element: { type: 'plain_text_input', action_id: 'value', multiline: true, max_length: 1000 },
      },
    ],
  };
}
