import { compareEntries, isBackdated, repeatSuffix, type OrderedEntry } from './timeline.ts';

export type MarkdownEntry = OrderedEntry & { seq: number; text: string; actorId: string | null; permalink: string | null; kind: string; count?: number };

const utc = (date: Date) => date.toISOString().replace('T', ' ').replace(/\.\d{3}Z$/, '');

// Table cells cannot hold pipes or line breaks.
const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');

// The timeline as a Markdown table in UTC with dates and seconds, as postmortems are written.
// Deterministic: ordered here, whatever order the rows came in.
export function timelineMarkdown(entries: MarkdownEntry[]): string {
  const rows = [...entries].sort(compareEntries).map((e) => {
    const text = `${cell(e.text)}${repeatSuffix(e.count)}${e.permalink ? ` ([message](${e.permalink}))` : ''}`;
    const who = e.actorId ? `<@${e.actorId}>` : '';
    return `| ${utc(e.occurredAt)} | ${e.seq} | ${text}${isBackdated(e) ? ' *(added later)*' : ''} | ${who} |`;
  });
  return ['| Time (UTC) | # | Event | Who |', '|---|---|---|---|', ...rows].join('\n') + '\n';
}
