import { TZDate } from '@date-fns/tz';
import type { KnownBlock } from '@slack/types';
import { format } from 'date-fns';
import { isBackdated, repeatSuffix } from '../../domain/timeline.ts';
import { escapeText } from '../../domain/text.ts';
import { slackEntryText } from './format.ts';

export type TimelineLine = {
  id: number;
  seq: number;
  occurredAt: Date;
  recordedAt: Date;
  // What entryText needs (domain/timeline.ts); a line without a kind is shown as its text.
  kind?: string;
  text: string;
  data?: unknown;
  actorId: string | null;
  permalink: string | null;
  count?: number;
};

// Slack allows 50 blocks a message and 3,000 characters a section; a message is also kept to about
// 12,000 characters, which stays readable and clear of Slack's limit on a message's total size.
const MAX_SECTION_CHARS = 2_900;
const MAX_BLOCKS = 48;
const MAX_PAGE_CHARS = 12_000;

function line(entry: TimelineLine, timeZone: string): string {
  const time = format(new TZDate(entry.occurredAt.getTime(), timeZone), 'HH:mm:ss');
  const who = entry.actorId ? ` · <@${entry.actorId}>` : '';
  const link = entry.permalink ? ` <${entry.permalink}|message>` : '';
  const backdated = isBackdated(entry) ? ' _(added later)_' : '';
  const full = slackEntryText(entry);
  // Only people's own words run this long, and they hold no Slack dates that a cut could break.
  const shown = full.length > 1_500 ? escapeText(entry.text).slice(0, 1_500) : full;
  const text = `${shown}${repeatSuffix(entry.count)}`;
  return `\`${time}\` *#${entry.seq}* ${text}${who}${link}${backdated}`;
}

// The timeline as messages (each a list of blocks), grouped by day in the reader's zone.
export function timelinePages(title: string, entries: TimelineLine[], timeZone: string): KnownBlock[][] {
  const pages: KnownBlock[][] = [];
  let page: KnownBlock[] = [{ type: 'header', text: { type: 'plain_text', text: title.slice(0, 150) } }];
  let section = '';
  let day = '';
  let pageChars = 0;
  const flush = () => {
    if (!section) return;
    page.push({ type: 'section', text: { type: 'mrkdwn', text: section } });
    pageChars += section.length;
    section = '';
    if (page.length >= MAX_BLOCKS || pageChars >= MAX_PAGE_CHARS - MAX_SECTION_CHARS) {
      pages.push(page);
      page = [];
      pageChars = 0;
    }
  };
  for (const entry of entries) {
    const entryDay = format(new TZDate(entry.occurredAt.getTime(), timeZone), 'EEEE d MMMM yyyy');
    if (entryDay !== day) {
      flush();
      day = entryDay;
      page.push({ type: 'context', elements: [{ type: 'mrkdwn', text: `*${entryDay}* (${timeZone})` }] });
    }
    const text = line(entry, timeZone);
    if (section.length + text.length + 1 > MAX_SECTION_CHARS) flush();
    section = section ? `${section}\n${text}` : text;
  }
  flush();
  if (!entries.length) page.push({ type: 'section', text: { type: 'mrkdwn', text: '_Nothing on the timeline yet._' } });
  if (page.length) pages.push(page);
  return pages;
}

// The most recent entries that fit in one message (the default `/incident timeline`). Taken from
// the end rather than as the last page, which may hold only a day's first entry.
export function latestPage(title: string, entries: TimelineLine[], timeZone: string): KnownBlock[] {
  for (let count = Math.min(entries.length, 80); count > 1; count = Math.floor(count * 0.8)) {
    const pages = timelinePages(title, entries.slice(-count), timeZone);
    if (pages.length === 1) return pages[0]!;
  }
  return timelinePages(title, entries.slice(-1), timeZone)[0]!;
}
