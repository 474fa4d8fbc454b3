// The reminder, `actions mine` and the Home tab at the largest legal input stay within what Slack
// accepts (the fake's own checks, tests/fakes/slack-limits.ts): a message's 50 blocks and 12,000
// characters of block text, a Home tab's 100 blocks, 3,000 characters a section.
import { describe, expect, it } from 'vitest';
import type { MyFollowUps, MyItem } from '../../src/app/follow-ups.ts';
import type { Home } from '../../src/app/read-home.ts';
import { LIMITS } from '../../src/domain/commands/limits.ts';
import { myActionsAnswer, reminderMessage } from '../../src/slack/blocks/follow-ups.ts';
import { homeView } from '../../src/slack/blocks/home.ts';
import { blocksProblems, viewProblems } from '../fakes/slack-limits.ts';

// Characters Slack's escaping makes longer (& < > become entities).
const worst = (n: number) => '&<>'.repeat(Math.ceil(n / 3)).slice(0, n);
const item = (i: number): MyItem => ({
  id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
  incidentNumber: 100_000 + i,
  incidentTitle: worst(LIMITS.title),
  channelId: 'C0123456789',
  seq: 1000 + i,
  text: worst(LIMITS.short),
  priority: 'urgent',
  due: '2026-01-01',
  snoozedUntil: null,
  overdue: true,
});
const mine: MyFollowUps = {
  today: '2026-12-07',
  items: Array.from({ length: 300 }, (_, i) => item(i)),
  postmortems: Array.from({ length: 300 }, (_, i) => ({
    incidentNumber: 100_000 + i,
    title: worst(LIMITS.title),
    due: '2026-01-01',
    channelId: 'C0123456789',
  })),
};
const WEB = `https://${'x'.repeat(200)}.example.com`;

describe('follow-ups within Slack limits', () => {
  it('fits the weekly reminder and `actions mine` with 300 items and 300 postmortems in one message', () => {
    for (const message of [reminderMessage(mine, mine.today, WEB), myActionsAnswer(mine, WEB)]) {
      expect(blocksProblems(message.blocks, 'message')).toEqual({ code: '', problems: [] });
      expect(JSON.stringify(message.blocks)).toContain('…and 280 more');
    }
  });

  it('fits the Home tab with 1,000 open incidents, 300 items and 300 questions', () => {
    const home: Home = {
      incidents: Array.from({ length: 1000 }, (_, i) => ({
        number: 100_000 + i,
        title: worst(LIMITS.title),
        severity: 'SEV0',
        status: 'investigating',
        channelId: 'C0123456789',
        declaredAt: new Date('2026-12-01T00:00:00Z'),
        isPrivate: i % 2 === 0,
        roles: ['commander', 'comms', 'scribe'],
      })),
      followUps: mine,
      prompts: Array.from({ length: 300 }, (_, i) => ({
        incidentNumber: 100_000 + i,
        kind: 'resolve',
        askedAt: new Date('2026-12-01T00:00:00Z'),
        channelId: 'C0123456789',
      })),
    };
    const view = homeView(home, new Date('2026-12-07T09:00:00Z'), WEB);
    expect(viewProblems(view as unknown as Record<string, unknown>)).toEqual([]);
    const text = JSON.stringify(view.blocks);
    // Every incident is either listed or counted.
    const listed = new Set([...text.matchAll(/\*INC-(\d+)\*/g)].map((m) => m[1])).size;
    const counted = Number(/…and (\d+) more: <[^|]+\|every open incident/.exec(text)?.[1] ?? 0);
    expect(listed + counted).toBe(1000);
  });
});
