import { cell, utcTime } from './markdown.ts';
import { compareEntries, entryText, isBackdated, repeatSuffix, type OrderedEntry } from './timeline.ts';

export type MarkdownEntry = OrderedEntry & {
  seq: number;
  text: string;
  actorId: string | null;
  permalink: string | null;
  kind: string;
  data?: unknown;
  count?: number;
};

export const TIMELINE_HEADER = ['Time (UTC)', '#', 'Event', 'Who'];

const mention = (userId: string | null) => (userId ? `<@${userId}>` : '');

// The timeline's table rows in UTC with dates and seconds, as postmortems are written.
// Deterministic: ordered here, whatever order the rows came in.
export function timelineRows(entries: MarkdownEntry[], name: (userId: string | null) => string = mention): string[][] {
  return [...entries].sort(compareEntries).map((e) => {
    const text = `${cell(entryText(e, utcTime))}${repeatSuffix(e.count)}${e.permalink ? ` ([message](${e.permalink}))` : ''}${isBackdated(e) ? ' *(added later)*' : ''}`;
    return [utcTime(e.occurredAt), String(e.seq), text, name(e.actorId)];
  });
}

export function timelineMarkdown(entries: MarkdownEntry[]): string {
  const rows = timelineRows(entries).map((cells) => `| ${cells.join(' | ')} |`);
  return `${[`| ${TIMELINE_HEADER.join(' | ')} |`, '|---|---|---|---|', ...rows].join('\n')}\n`;
}
