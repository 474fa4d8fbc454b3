// Slack's words for status page subscribers.
import type { SubscriberList } from '../../app/subscribers-in-slack.ts';
import { escapeText } from '../../domain/text.ts';

export const webhookDisabledText = (host: string) =>
  `:warning: The status page webhook to ${escapeText(host)} failed for a day: it is disabled and gets nothing more. \`/incident subscribers list\` shows it; add it again once its server answers.`;

export function subscriberListText(list: SubscriberList): string {
  const webhooks = list.webhooks.length
    ? list.webhooks
        .map(
          (w) =>
            `• \`${w.id}\` ${escapeText(w.host)}${w.components.length ? ` (${w.components.join(', ')})` : ''}${w.disabled ? ' — *disabled* (failed for a day)' : w.failing ? ' — failing' : ''}`,
        )
        .join('\n')
    : '• none';
  return `*Status page subscribers*\nEmail: ${list.emailConfirmed} confirmed, ${list.emailUnconfirmed} awaiting confirmation${list.emailEnabled ? '' : ' (email is off: no SMTP_URL)'}\nWebhooks:\n${webhooks}`;
}

export const webhookAddedText = (id: string, host: string, secret: string) =>
  `Webhook \`${id}\` to ${escapeText(host)} added: it gets every incident update and maintenance notice, signed.\nIts secret, shown this once: \`${secret}\`\nReceivers check \`X-Incident-Signature: v1=<hex HMAC-SHA256 of "<X-Incident-Timestamp>.<body>">\` (README "Subscribers").`;
