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

// Slack counts characters; a JavaScript length (UTF-16 code units) is never less, so text measured
// this way fits. Cuts fall between graphemes (Intl.Segmenter): never inside an emoji, a flag, a
// letter with its accents or a surrogate pair.
const graphemeSegmenter = new Intl.Segmenter('en', { granularity: 'grapheme' });
const ELLIPSIS = '…';

// The longest start of `text` that fits in `max` as `measure` counts it, ending in "…" when cut.
export function cutText(text: string, max: number, measure: (part: string) => number = (s) => s.length): string {
  if (measure(text) <= max) return text;
  const room = max - measure(ELLIPSIS);
  let length = 0;
  let end = 0;
  for (const { segment, index } of graphemeSegmenter.segment(text)) {
    const size = measure(segment);
    if (length + size > room) break;
    length += size;
    end = index + segment.length;
  }
  return `${text.slice(0, end).trimEnd()}${ELLIPSIS}`;
}

// User text for mrkdwn: escaped, and at most `max` characters once escaped.
export function escapedWithin(text: string, max: number): string {
  return escapeText(cutText(text, max, (part) => escapeText(part).length));
}

// As many whole items as fit in `max` characters, joined, then what `more(n)` says about the n left
// out (e.g. "and 12 more"). Never an item cut in two.
export function fitItems(
  items: readonly string[],
  max: number,
  separator: string,
  more: (left: number) => string,
): string {
  const all = items.join(separator);
  if (all.length <= max) return all;
  let taken = 0;
  let length = 0;
  for (const item of items) {
    const added = (taken ? separator.length : 0) + item.length;
    const tail = items.length - taken - 1 > 0 ? separator.length + more(items.length - taken - 1).length : 0;
    if (length + added + tail > max) break;
    length += added;
    taken += 1;
  }
  const shown = items.slice(0, taken);
  return [...shown, more(items.length - taken)].join(separator);
}
