import { describe, expect, it } from 'vitest';
import { utcTime } from '../../src/domain/markdown.ts';
import { entryText } from '../../src/domain/timeline.ts';
import { slackEntryText } from '../../src/slack/blocks/format.ts';

const T = '2026-12-01T11:13:57.421Z';

describe('times inside timeline sentences are data, written by each surface', () => {
  it.each([
    [
      {
        kind: 'milestone',
        text: 'Milestone started (corrected): from the graphs',
        data: { milestone: 'started', was: T, text: 'from the graphs' },
      },
      'Milestone started (was 2026-12-01 11:13:57): from the graphs',
    ],
    [
      { kind: 'impact', text: 'Impact on api (production) ended', data: { correctedFrom: T } },
      'Impact on api (production) ended: corrected from 2026-12-01 11:13:57',
    ],
    [
      {
        kind: 'freeze',
        text: 'Deploys frozen for api for a set time: hotfix only',
        data: { services: ['api'], environments: ['production'], until: T, reason: 'hotfix only' },
      },
      'Deploys frozen for api (production) until 2026-12-01 11:13:57: hotfix only',
    ],
    [
      {
        kind: 'exception',
        text: 'Exception: api@abc1234 may deploy for a set time: the fix',
        data: { service: 'api', version: 'abc1234', until: T, reason: 'the fix' },
      },
      'Exception: api@abc1234 may deploy until 2026-12-01 11:13:57: the fix',
    ],
  ])('%j in UTC for the postmortem', (entry, expected) => {
    expect(entryText(entry, utcTime)).toBe(expected);
    expect(entryText(entry, utcTime)).not.toContain('T11:13');
  });

  it('in Slack, as a Slack date each reader sees in their own zone, with the text around it escaped', () => {
    const entry = { kind: 'milestone', text: '', data: { milestone: 'detected', was: T, text: 'a <b> & c' } };
    expect(slackEntryText(entry)).toBe(
      `Milestone detected (was <!date^${Math.floor(Date.parse(T) / 1000)}^{date_short_pretty} {time}|2026-12-01 11:13 UTC>): a &lt;b&gt; &amp; c`,
    );
  });

  it('leaves entries recorded before, with the time in their text, as they were', () => {
    const legacy = { kind: 'milestone', text: 'Milestone started (was 2026-12-01T11:13:57Z)', data: { previous: T } };
    expect(entryText(legacy, utcTime)).toBe(legacy.text);
  });
});
