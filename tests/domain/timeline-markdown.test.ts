import { describe, expect, it } from 'vitest';
import { timelineMarkdown, type MarkdownEntry } from '../../src/domain/timeline-markdown.ts';

const e = (
  id: number,
  occurred: string,
  recorded: string,
  text: string,
  extra: Partial<MarkdownEntry> = {},
): MarkdownEntry => ({
  id,
  seq: id,
  kind: 'note',
  text,
  actorId: 'U1',
  permalink: null,
  occurredAt: new Date(occurred),
  recordedAt: new Date(recorded),
  ...extra,
});

describe('timelineMarkdown', () => {
  const entries = [
    e(3, '2026-03-04T21:10:00Z', '2026-03-04T21:10:02Z', 'API down'),
    e(1, '2026-03-04T14:21:00Z', '2026-03-04T20:40:00Z', 'infra change | pushed\nby ops'),
    e(2, '2026-03-04T20:26:00Z', '2026-03-04T20:26:30Z', 'first errors', {
      permalink: 'https://x.slack.com/archives/C1/p1',
    }),
    e(4, '2026-03-04T20:26:00Z', '2026-03-04T20:26:30Z', 'same instant, later id', { actorId: null }),
  ];

  it('writes a UTC table ordered by occurred-at, recorded-at, id, marking what was added later', () => {
    expect(timelineMarkdown(entries)).toBe(
      [
        '| Time (UTC) | # | Event | Who |',
        '|---|---|---|---|',
        '| 2026-03-04 14:21:00 | 1 | infra change \\| pushed by ops *(added later)* | <@U1> |',
        '| 2026-03-04 20:26:00 | 2 | first errors ([message](https://x.slack.com/archives/C1/p1)) | <@U1> |',
        '| 2026-03-04 20:26:00 | 4 | same instant, later id |  |',
        '| 2026-03-04 21:10:00 | 3 | API down | <@U1> |',
        '',
      ].join('\n'),
    );
  });

  it('is the same whatever order the rows come in', () => {
    expect(timelineMarkdown([...entries].reverse())).toBe(timelineMarkdown(entries));
  });
});
