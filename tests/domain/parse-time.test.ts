import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseFutureTime, parseTime } from '../../src/domain/time/parse-time.ts';

const at = (iso: string) => new Date(iso);
function parsed(text: string, now: string, tz = 'UTC') {
  const result = parseTime(text, at(now), tz);
  if (!result.ok) throw new Error(result.message);
  return result.at.toISOString();
}

describe('parseTime', () => {
  it('reads clock times as their most recent past occurrence', () => {
    expect(parsed('14:21', '2026-03-04T15:00:00Z')).toBe('2026-03-04T14:21:00.000Z');
    // Typed at 02:00, 23:24 is yesterday's.
    expect(parsed('23:24', '2026-03-04T02:00:00Z')).toBe('2026-03-03T23:24:00.000Z');
    expect(parsed('14:21:05', '2026-03-04T14:21:05Z')).toBe('2026-03-04T14:21:05.000Z');
    expect(parsed('2:21pm', '2026-03-04T15:00:00Z')).toBe('2026-03-04T14:21:00.000Z');
    expect(parsed('12:05am', '2026-03-04T15:00:00Z')).toBe('2026-03-04T00:05:00.000Z');
    expect(parsed('yesterday 23:10', '2026-03-04T23:30:00Z')).toBe('2026-03-03T23:10:00.000Z');
  });

  it("reads them in the user's zone unless UTC or an offset is named", () => {
    expect(parsed('14:21', '2026-03-04T15:00:00Z', 'Europe/Berlin')).toBe('2026-03-04T13:21:00.000Z');
    expect(parsed('14:21 UTC', '2026-03-04T15:00:00Z', 'Europe/Berlin')).toBe('2026-03-04T14:21:00.000Z');
    expect(parsed('14:21 +05:30', '2026-03-04T15:00:00Z', 'America/New_York')).toBe('2026-03-04T08:51:00.000Z');
    // 20:00 in Los Angeles is 04:00 UTC the next day: still "today" for the reader.
    expect(parsed('20:00', '2026-03-05T05:00:00Z', 'America/Los_Angeles')).toBe('2026-03-05T04:00:00.000Z');
    // Crossing midnight in Tokyo: at 00:30 there, 23:50 is yesterday's.
    expect(parsed('23:50', '2026-03-04T15:30:00Z', 'Asia/Tokyo')).toBe('2026-03-04T14:50:00.000Z');
  });

  it('handles daylight-saving changes', () => {
    // Europe/Berlin springs forward on 2026-03-29 at 02:00 -> 03:00 (UTC+1 -> UTC+2).
    expect(parsed('01:30', '2026-03-29T12:00:00Z', 'Europe/Berlin')).toBe('2026-03-29T00:30:00.000Z');
    expect(parsed('03:30', '2026-03-29T12:00:00Z', 'Europe/Berlin')).toBe('2026-03-29T01:30:00.000Z');
    expect(parsed('yesterday 12:00', '2026-03-29T12:00:00Z', 'Europe/Berlin')).toBe('2026-03-28T11:00:00.000Z');
    // New York falls back on 2026-11-01 at 02:00 -> 01:00 (UTC-4 -> UTC-5).
    expect(parsed('12:00', '2026-11-01T20:00:00Z', 'America/New_York')).toBe('2026-11-01T17:00:00.000Z');
    expect(parsed('yesterday 12:00', '2026-11-01T20:00:00Z', 'America/New_York')).toBe('2026-10-31T16:00:00.000Z');
  });

  it('reads relative times and ISO 8601, to whole seconds', () => {
    expect(parsed('-15m', '2026-03-04T15:00:00.750Z')).toBe('2026-03-04T14:45:00.000Z');
    expect(parsed('-2h', '2026-03-04T15:00:00Z')).toBe('2026-03-04T13:00:00.000Z');
    expect(parsed('2026-03-04T14:21:00Z', '2026-03-04T15:00:00Z')).toBe('2026-03-04T14:21:00.000Z');
    expect(parsed('2026-03-04T14:21:09+02:00', '2026-03-04T15:00:00Z')).toBe('2026-03-04T12:21:09.000Z');
    expect(parsed('2026-03-04 14:21', '2026-03-04T15:00:00Z', 'Europe/Berlin')).toBe('2026-03-04T13:21:00.000Z');
  });

  it.each([
    ['', 'No time given'],
    ['soon', "can't read"],
    ['14', "can't read"],
    ['25:00', 'not a time of day'],
    ['13:00pm', 'hour is 1 to 12'],
    ['2026-02-30T10:00Z', 'not a real date'],
    ['2026-03-05T10:00:00Z', 'in the future'],
    ['-45d', 'more than 30 days'],
  ])('refuses %j clearly', (text, message) => {
    const result = parseTime(text, at('2026-03-04T15:00:00Z'), 'UTC');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toContain(message);
  });
});

const zones = fc.constantFrom(
  'UTC',
  'Europe/Berlin',
  'America/New_York',
  'America/Los_Angeles',
  'Asia/Tokyo',
  'Asia/Kolkata',
  'Australia/Lord_Howe',
  'Pacific/Chatham',
);
const instants = fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2035, 0, 1) });

describe('parseTime properties', () => {
  it('gives back any past instant written as ISO 8601', () => {
    fc.assert(
      fc.property(instants, fc.integer({ min: 0, max: 40 * 86_400_000 }), zones, (ms, ahead, tz) => {
        const instant = new Date(Math.floor(ms / 1000) * 1000);
        const result = parseTime(instant.toISOString(), new Date(ms + ahead), tz);
        return result.ok && result.at.getTime() === instant.getTime();
      }),
    );
  });

  it('gives back the instant a clock time in UTC names, when written less than a day ago', () => {
    fc.assert(
      fc.property(instants, fc.integer({ min: 0, max: 86_399_000 }), (ms, ago) => {
        const now = new Date(ms);
        const instant = new Date(Math.floor((ms - ago) / 1000) * 1000);
        const result = parseTime(`${instant.toISOString().slice(11, 19)} UTC`, now, 'Europe/Berlin');
        return result.ok && result.at.getTime() === instant.getTime();
      }),
    );
  });

  it('never throws and never returns a future time, whatever it is given', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.stringMatching(/^(yesterday )?\d{1,2}:\d{2}(:\d{2})?( ?(am|pm))?( (UTC|[+-]\d{2}:\d{2}))?$/),
        ),
        instants,
        zones,
        (text, ms, tz) => {
          const now = new Date(ms);
          const result = parseTime(text, now, tz);
          return !result.ok || (result.at.getTime() <= now.getTime() && result.at.getTime() % 1000 === 0);
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe('parseFutureTime (scheduled maintenance)', () => {
  const ahead = (text: string, now: string, tz = 'UTC', after?: string) => {
    const result = parseFutureTime(text, { now: at(now), timeZone: tz, after: after ? at(after) : undefined });
    if (!result.ok) throw new Error(result.message);
    return result.at.toISOString();
  };
  it('reads a clock time as its next occurrence: 02:00 typed at 03:00 is tomorrow', () => {
    expect(ahead('02:00', '2026-03-04T03:00:00Z')).toBe('2026-03-05T02:00:00.000Z');
    expect(ahead('04:00', '2026-03-04T03:00:00Z')).toBe('2026-03-04T04:00:00.000Z');
    expect(ahead('tomorrow 04:00', '2026-03-04T03:00:00Z')).toBe('2026-03-05T04:00:00.000Z');
    // In the reader's zone: 02:00 in Berlin (UTC+1 in March) typed at 03:00 Berlin.
    expect(ahead('02:00', '2026-03-04T02:00:00Z', 'Europe/Berlin')).toBe('2026-03-05T01:00:00.000Z');
  });
  it('reads an end time after the start: a clock time, or +2h from it', () => {
    expect(ahead('04:00', '2026-03-04T03:00:00Z', 'UTC', '2026-03-05T02:00:00Z')).toBe('2026-03-05T04:00:00.000Z');
    expect(ahead('01:00', '2026-03-04T03:00:00Z', 'UTC', '2026-03-05T02:00:00Z')).toBe('2026-03-06T01:00:00.000Z');
    expect(ahead('+2h', '2026-03-04T03:00:00Z', 'UTC', '2026-03-05T02:00:00Z')).toBe('2026-03-05T04:00:00.000Z');
    expect(ahead('2026-03-05 02:30', '2026-03-04T03:00:00Z', 'UTC', '2026-03-05T02:00:00Z')).toBe(
      '2026-03-05T02:30:00.000Z',
    );
  });
  it('refuses what is not ahead, or too far ahead', () => {
    const refusal = (text: string, after?: string) => {
      const r = parseFutureTime(text, {
        now: at('2026-03-04T03:00:00Z'),
        timeZone: 'UTC',
        after: after ? at(after) : undefined,
      });
      return r.ok ? null : r.message;
    };
    expect(refusal('2026-03-04 02:00')).toContain('give a time ahead');
    expect(refusal('2026-03-05 01:00', '2026-03-05T02:00:00Z')).toContain('give a time ahead');
    expect(refusal('2028-01-01 00:00')).toContain('more than a year ahead');
    expect(refusal('-2h')).toContain("can't read");
  });
});
