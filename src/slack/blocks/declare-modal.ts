import type { ModalView } from '@slack/types';
import type { ServiceConfig, SeverityLevel } from '../../config/file.ts';
import { LIMITS } from '../../domain/commands/limits.ts';
import { MENU_OPTIONS_MAX } from '../../domain/service-search.ts';
import { cutText } from '../../domain/text.ts';

export const DECLARE_MODAL_ID = 'declare_incident';
// The services menu's block and action: a catalog larger than a menu holds is loaded from the bot
// as people type (Bolt's app.options with this constraint).
export const SERVICES_MENU = { block_id: 'services', action_id: 'value' } as const;

// A menu option: its text and description cut to Slack's 75 characters.
const option = (value: string, text: string, description?: string) => ({
  value,
  text: { type: 'plain_text' as const, text: cutText(text, 75) },
  ...(description ? { description: { type: 'plain_text' as const, text: cutText(description, 75) } } : {}),
});

export const serviceOption = (s: Pick<ServiceConfig, 'id' | 'name'>) => option(s.id, s.name ?? s.id);

export function declareModal(
  severities: SeverityLevel[],
  services: Pick<ServiceConfig, 'id' | 'name'>[],
  privateMetadata: string,
): ModalView {
  return {
    type: 'modal',
    callback_id: DECLARE_MODAL_ID,
    private_metadata: privateMetadata,
    title: { type: 'plain_text', text: 'Declare an incident' },
    submit: { type: 'plain_text', text: 'Declare' },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks: [
      {
        type: 'input',
        block_id: 'title',
        label: { type: 'plain_text', text: 'What is happening?' },
        element: {
          type: 'plain_text_input',
          action_id: 'value',
          max_length: LIMITS.title,
          placeholder: { type: 'plain_text', text: 'Checkout API returns 500s' },
        },
      },
      {
        type: 'input',
        block_id: 'severity',
        optional: true,
        label: { type: 'plain_text', text: 'Severity' },
        hint: { type: 'plain_text', text: 'Not sure? Leave it empty: the bot will ask again in the channel.' },
        element: {
          type: 'static_select',
          action_id: 'value',
          options: severities.slice(0, MENU_OPTIONS_MAX).map((s) => option(s.id, s.id, s.description)),
        },
      },
      ...(services.length
        ? [
            {
              type: 'input' as const,
              block_id: SERVICES_MENU.block_id,
              optional: true,
              label: { type: 'plain_text' as const, text: 'Affected services' },
              element:
                services.length > MENU_OPTIONS_MAX
                  ? {
                      type: 'multi_external_select' as const,
                      action_id: SERVICES_MENU.action_id,
                      min_query_length: 0,
                      placeholder: { type: 'plain_text' as const, text: `Type to search ${services.length} services` },
                    }
                  : {
                      type: 'multi_static_select' as const,
                      action_id: SERVICES_MENU.action_id,
                      options: services.map(serviceOption),
                    },
            },
          ]
        : []),
      {
        type: 'input',
        block_id: 'summary',
        optional: true,
        label: { type: 'plain_text', text: 'Summary' },
        element: { type: 'plain_text_input', action_id: 'value', multiline: true, max_length: 2000 },
      },
      {
        type: 'input',
        block_id: 'options',
        optional: true,
        label: { type: 'plain_text', text: 'Options' },
        element: {
          type: 'checkboxes',
          action_id: 'value',
          options: [
            option('private', 'Private', 'A private channel; nothing shown outside it'),
            option('drill', 'Drill', 'A practice run: pages nobody, freezes nothing'),
          ],
        },
      },
      {
        type: 'context',
        elements: [
          {
            type: 'mrkdwn',
            text: 'Customers see nothing of this until someone runs `/incident statuspage --title "…" <message>` in the channel; the title above is never shown to them.',
          },
        ],
      },
    ],
  };
}
