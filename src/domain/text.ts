// Slack's mrkdwn needs &, < and > escaped in text that came from users.
export function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

// PostgreSQL refuses NUL in text and JSON, and a lone UTF-16 surrogate cannot be stored as UTF-8:
// text from Slack is made storable before anything stores it (the NUL goes, a lone surrogate
// becomes U+FFFD, as a UTF-8 encoder would write it).
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function storableText(text: string): string {
  return text.replaceAll('\u0000', '').replace(LONE_SURROGATE, '\uFFFD');
}

// The same for every string inside a JSON value (a recorded command, a job's payload).
export function storableJson<T>(value: T): T {
  if (typeof value === 'string') return storableText(value) as T;
  if (Array.isArray(value)) return value.map(storableJson) as T;
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [storableText(k), storableJson(v)])) as T;
  }
  return value;
}
