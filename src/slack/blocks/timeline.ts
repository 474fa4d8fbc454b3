import { TZDate } from '@date-fns/tz';
import type { KnownBlock } from '@slack/types';
import { format } from 'date-fns';
import { isBackdated, repeatSuffix } from '../../domain/timeline.ts';
import { cutText, escapedWithin } from '../../domain/text.ts';
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

// Slack allows 50 blocks a message, 3,000 characters a section, and refuses more than about 12,000
// characters of text across a message's blocks (msg_blocks_too_long): a page stays under 11,000,
// which leaves room for the line that says what is shown.
const MAX_SECTION_CHARS = 2_900;
const MAX_BLOCKS = 48;
const MAX_PAGE_CHARS = 11_000;
// Only people's own words run longer than this; they are cut here and shown whole on the web.
const MAX_ENTRY_CHARS = 1_500;

function line(entry: TimelineLine, timeZone: string): string {
  const time = format(new TZDate(entry.occurredAt.getTime(), timeZone), 'HH:mm:ss');
  const who = entry.actorId ? ` · <@${entry.actorId}>` : '';
  const link = entry.permalink ? ` <${entry.permalink}|message>` : '';
  const backdated = isBackdated(entry) ? ' _(added later)_' : '';
  const full = slackEntryText(entry);
  // A long entry is someone's own words, which hold no Slack dates that a cut could break.
  const shown = full.length > MAX_ENTRY_CHARS ? escapedWithin(entry.text, MAX_ENTRY_CHARS) : full;
  const text = `${shown}${repeatSuffix(entry.count)}`;
  return `\`${time}\` *#${entry.seq}* ${text}${who}${link}${backdated}`;
}

const textBlock = (text: string): KnownBlock => ({ type: 'section', text: { type: 'mrkdwn', text } });

// The timeline as messages (each a list of blocks), grouped by day in the reader's zone.
export function timelinePages(title: string, entries: TimelineLine[], timeZone: string): KnownBlock[][] {
  const header = cutText(title, 150);
  const pages: KnownBlock[][] = [];
  let page: KnownBlock[] = [{ type: 'header', text: { type: 'plain_text', text: header } }];
  let pageChars = header.length;
  let section = '';
  let day = '';
  const flush = () => {
    if (!section) return;
    page.push(textBlock(section));
    pageChars += section.length;
    section = '';
  };
  // Starts a new message when `chars` more characters and one more block would not fit this one.
  const makeRoom = (chars: number) => {
    if (pageChars + section.length + chars <= MAX_PAGE_CHARS && page.length + (section ? 2 : 1) <= MAX_BLOCKS) return;
    flush();
    pages.push(page);
    page = [];
    pageChars = 0;
  };
  const dayLine = (text: string) => {
    flush();
    makeRoom(text.length);
    page.push({ type: 'context', elements: [{ type: 'mrkdwn', text }] });
    pageChars += text.length;
  };
  for (const entry of entries) {
    const entryDay = format(new TZDate(entry.occurredAt.getTime(), timeZone), 'EEEE d MMMM yyyy');
    if (entryDay !== day) {
      day = entryDay;
      dayLine(`*${entryDay}* (${timeZone})`);
    }
    const text = line(entry, timeZone);
    if (section.length + text.length + 1 > MAX_SECTION_CHARS) flush();
    makeRoom(text.length + 1);
    section = section ? `${section}\n${text}` : text;
  }
  flush();
  if (!entries.length) page.push(textBlock('_Nothing on the timeline yet._'));
  if (page.length) pages.push(page);
  return pages;
}

// The most recent entries that fit in one message (the default `/incident timeline`), and how many
// that is. Taken from the end rather than as the last page, which may hold only a day's first entry.
export function latestPage(
  title: string,
  entries: TimelineLine[],
  timeZone: string,
): { blocks: KnownBlock[]; shown: number } {
  for (let count = Math.min(entries.length, 80); count > 1; count = Math.floor(count * 0.8)) {
    const pages = timelinePages(title, entries.slice(-count), timeZone);
    if (pages.length === 1) return { blocks: pages[0]!, shown: count };
  }
  return { blocks: timelinePages(title, entries.slice(-1), timeZone)[0]!, shown: Math.min(entries.length, 1) };
}
