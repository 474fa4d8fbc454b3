// Status page subscribers (SPEC.md "Subscribers"): which notices reach whom, and the form's checks.

// What a form may offer as an email address: one mailbox, no display name, no spaces or control
// characters, within SMTP's 254 characters.
const EMAIL =
  /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;

export const isEmailAddress = (text: string) => text.length <= 254 && EMAIL.test(text);

// One subscription per mailbox: compared without case.
export const emailKey = (email: string) => `email:${email.trim().toLowerCase()}`;
export const webhookKey = (url: string) => `webhook:${url}`;

// A subscriber of no component follows everything; a notice about no component reaches everyone.
export function follows(subscribed: readonly string[], affected: readonly string[]): boolean {
  return subscribed.length === 0 || affected.length === 0 || affected.some((c) => subscribed.includes(c));
}

// The subscribe form's limits (SPEC.md): per client address, and per mailbox; a confirmation goes to
// one unconfirmed mailbox at most once an hour.
export const FORM_LIMITS = {
  perClientPerHour: 10,
  perAddressPerDay: 5,
  confirmationEveryMs: 3_600_000,
} as const;

// A webhook URL people may add: http(s), no credentials in it, a host name.
export function webhookUrlProblem(text: string): string | null {
  if (!URL.canParse(text)) return `\`${text}\` is not a URL.`;
  const url = new URL(text);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'A webhook URL starts with https://.';
  if (url.username || url.password) return 'Leave credentials out of the URL: receivers verify the signature.';
  if (text.length > 2_000) return 'That URL is over 2,000 characters.';
  return null;
}
