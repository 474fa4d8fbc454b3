// How long what people type may be, one limit per kind of field, stated in `/incident help` and
// in each refusal. What the bot posts stays within Slack's limits with these: a note or update of
// 3,000 characters, escaped and with its prefix, is far from a message's 40,000.
export const LIMITS = {
  // Slack's header block holds 150 characters.
  title: 150,
  // Notes, updates, summaries, status messages and severity reasons.
  text: 3_000,
  // Freeze and exception reasons, page messages, action items.
  short: 1_000,
} as const;

export type LimitKind = keyof typeof LIMITS;

const NAMES: Record<LimitKind, string> = { title: 'A title', text: 'That text', short: 'That' };

// The refusal for a field over its limit, or null.
export function tooLong(kind: LimitKind, text: string, what = NAMES[kind]): string | null {
  const limit = LIMITS[kind];
  if (text.length <= limit) return null;
  return `${what} is ${text.length.toLocaleString('en-US')} characters; the limit is ${limit.toLocaleString('en-US')}.`;
}

export const LIMITS_HELP = `Limits: titles ${LIMITS.title} characters; notes, updates, summaries and reasons for a severity or status ${LIMITS.text.toLocaleString('en-US')}; freeze reasons, page messages and action items ${LIMITS.short.toLocaleString('en-US')}.`;
