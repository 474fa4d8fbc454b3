// Slack's words for status page subscribers.
import type { SubscriberList } from '../../app/subscribers-in-slack.ts';
import { escapeText, fitItems } from '../../domain/text.ts';
import { ANSWER_MAX } from '../blocks/format.ts';

export const webhookDisabledText = (host: string) =>
  `:warning: The status page webhook to ${escapeText(host)} failed for a day: it is disabled and gets nothing more. \`/incident subscribers list\` shows it; add it again once its server answers.`;

export function subscriberListText(list: SubscriberList): string {
  // 100 webhooks, each following a large catalog, would not fit one answer: the rest are counted.
  const webhooks = list.webhooks.length
    ? fitItems(
        list.webhooks.map(
          (w) =>
            `• \`${w.id}\` ${escapeText(w.host)}${w.components.length ? ` (${w.components.join(', ')})` : ''}${w.disabled ? ' — *disabled* (failed for a day)' : w.failing ? ' — failing' : ''}`,
        ),
        ANSWER_MAX - 500,
        '\n',
        (left) => `…and ${left} more`,
      )
    : '• none';
  return `*Status page subscribers*\nEmail: ${list.emailConfirmed} confirmed, ${list.emailUnconfirmed} awaiting confirmation${list.emailEnabled ? '' : ' (email is off: no SMTP_URL)'}\nWebhooks:\n${webhooks}`;
}

export const webhookAddedText = (id: string, host: string, secret: string) =>
  `Webhook \`${id}\` to ${escapeText(host)} added: it gets every incident update and maintenance notice, signed.\nIts secret, shown this once: \`${secret}\`\nReceivers check \`X-Incident-Signature: v1=<hex HMAC-SHA256 of "<X-Incident-Timestamp>.<body>">\` (README "Subscribers").`;
