import { describe, expect, it } from 'vitest';
import { latestPage, timelinePages, type TimelineLine } from '../../src/slack/blocks/timeline.ts';
import { blocksProblems } from '../fakes/slack-limits.ts';

const entry = (i: number, text: string, occurredAt: number, recordedAt = occurredAt): TimelineLine => ({
  id: i,
  seq: i,
  occurredAt: new Date(occurredAt),
  recordedAt: new Date(recordedAt),
  text,
  actorId: 'U1',
  permalink: null,
});

describe('timelinePages', () => {
  it('groups by day in the reader zone and marks entries added later', () => {
    const pages = timelinePages(
      'INC-1',
      [
        entry(1, 'late evening in Berlin', Date.UTC(2026, 2, 4, 22, 30)),
        entry(2, 'added hours later', Date.UTC(2026, 2, 4, 23, 5), Date.UTC(2026, 2, 5, 6, 0)),
      ],
      'Europe/Berlin',
    );
    const text = JSON.stringify(pages);
    // 22:30 UTC is 23:30 in Berlin on the 4th; 23:05 UTC is 00:05 on the 5th.
    expect(text).toContain('Wednesday 4 March 2026');
    expect(text).toContain('Thursday 5 March 2026');
    expect(text).toContain('`23:30:00` *#1* late evening in Berlin');
    expect(text).toContain('`00:05:00` *#2* added hours later · <@U1> _(added later)_');
  });

  it('keeps every message within Slack limits, whatever the timeline holds', () => {
    const entries = Array.from({ length: 500 }, (_, i) =>
      entry(i, `event ${i} ${'<&>'.repeat(60)}`, Date.UTC(2026, 2, 4) + i * 300_000),
    );
    const pages = timelinePages('INC-1', entries, 'UTC');
    expect(pages.length).toBeGreaterThan(1);
    for (const blocks of pages) expect(blocksProblems(blocks, 'message')).toEqual({ code: '', problems: [] });
    const all = JSON.stringify(pages);
    for (const i of [0, 1, 250, 499]) expect(all).toContain(`event ${i} `);
  });

  it('cuts a long entry between graphemes, measured after escaping, and every page is one Slack accepts', () => {
    // Entries of 3,000 characters (a note's limit): emoji and escaped characters at every cut point.
    const entries = Array.from({ length: 200 }, (_, i) =>
      entry(i, `${'&'.repeat(i % 7)}${'👩‍👩‍👧‍👦<'.repeat(250)}`, Date.UTC(2026, 2, 4) + i * 60_000),
    );
    const pages = timelinePages('INC-1 👩‍👩‍👧‍👦'.repeat(20), entries, 'UTC');
    for (const blocks of pages) {
      expect(blocksProblems(blocks, 'message')).toEqual({ code: '', problems: [] });
      expect(JSON.stringify(blocks)).not.toMatch(/\\ud[89ab][0-9a-f]{2}(?!\\ud[c-f])/i);
    }
    const text = pages
      .flat()
      .map((b) => (b.type === 'section' ? b.text!.text : ''))
      .join('');
    // Whole families only: every man-woman-girl-boy sequence that starts also ends.
    expect(text.split('👩‍👩‍👧‍👦').join('')).not.toMatch(/[👩👧👦\u200d]/u);
    const { blocks, shown } = latestPage('INC-1', entries, 'UTC');
    expect(blocksProblems(blocks, 'message').code).toBe('');
    expect(JSON.stringify(blocks)).toContain(`*#${entries.length - 1}*`);
    expect(shown).toBeGreaterThan(1);
  });

  it('shows as the latest page the most recent entries that fit, even when the last one starts a new day', () => {
    // 300 long entries over the 4th, then one just after midnight (Berlin) on the 5th.
    const entries = Array.from({ length: 300 }, (_, i) =>
      entry(i + 1, `event ${i} ${'x'.repeat(200)}`, Date.UTC(2026, 2, 4, 0, 0) + i * 4 * 60_000),
    );
    entries.push(entry(301, 'just after midnight', Date.UTC(2026, 2, 4, 23, 5)));
    expect(timelinePages('INC-1', entries, 'Europe/Berlin').length).toBeGreaterThan(2);
    const latest = JSON.stringify(latestPage('INC-1', entries, 'Europe/Berlin').blocks);
    expect(latest).toContain('just after midnight');
    expect(latest).toContain('event 299 ');
    expect(latest).toContain('Wednesday 4 March 2026');
  });
});
