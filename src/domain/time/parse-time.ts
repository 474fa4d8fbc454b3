import { TZDate } from '@date-fns/tz';

// SPEC.md time grammar: `14:21`, `14:21:05`, `14:21 UTC`, `2:21pm`, ISO 8601, `-15m`, `-2h`,
// `yesterday 23:10`. A clock time without a date is its most recent past occurrence, read in the
// user's time zone unless it names UTC or an offset. Results are whole seconds, never in the future.
export type TimeResult = { ok: true; at: Date } | { ok: false; message: string };

export const TIME_GRAMMAR =
  'Times look like 14:21, 14:21:05, 14:21 UTC, 2:21pm, -15m, -2h, yesterday 23:10 or 2026-03-04T14:21:00Z.';
const UNIT_MS: Record<string, number> = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };
const MAX_RELATIVE_MS = 30 * UNIT_MS.d!;

const RELATIVE = /^-\s*(\d{1,6})\s*(s|sec|secs|m|min|mins|h|hr|hrs|d|days?)$/i;
const CLOCK =
  /^(yesterday\s+|tomorrow\s+)?(\d{1,2})(?::(\d{2}))?(?::(\d{2}))?\s*(am|pm)?(?:\s*(utc|z|[+-]\d{2}:?\d{2}))?$/i;
const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[t\s](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?\s*(z|utc|[+-]\d{2}:?\d{2})?$/i;

const fail = (message: string): TimeResult => ({ ok: false, message });
const wholeSeconds = (ms: number) => new Date(Math.floor(ms / 1000) * 1000);

export function parseTime(input: string, now: Date, timeZone: string): TimeResult {
  const text = input.trim();
  if (!text) return fail(`No time given. ${TIME_GRAMMAR}`);
  const result = parseRelative(text, now) ?? parseIso(text, timeZone) ?? parseClock(text, now, timeZone);
  if (!result) return fail(`I can't read "${text}" as a time. ${TIME_GRAMMAR}`);
  if (!result.ok) return result;
  if (result.at.getTime() > now.getTime())
    return fail(`${result.at.toISOString().replace('.000', '')} is in the future; give a time that has passed.`);
  return result;
}

function parseRelative(text: string, now: Date): TimeResult | null {
  const m = RELATIVE.exec(text);
  if (!m) return null;
  const ms = Number(m[1]) * UNIT_MS[m[2]![0]!.toLowerCase()]!;
  if (ms > MAX_RELATIVE_MS) return fail('That is more than 30 days ago; give a date and time instead.');
  return { ok: true, at: wholeSeconds(now.getTime() - ms) };
}

function offsetMinutes(zone: string): number | null {
  if (/^(z|utc)$/i.test(zone)) return 0;
  const m = /^([+-])(\d{2}):?(\d{2})$/.exec(zone);
  if (!m) return null;
  const minutes = Number(m[2]) * 60 + Number(m[3]);
  return minutes > 14 * 60 || Number(m[3]) > 59 ? null : (m[1] === '-' ? -1 : 1) * minutes;
}

// Wall-clock fields in a zone (an IANA name, or a fixed offset) to the instant they name.
function instant(
  y: number,
  mo: number,
  d: number,
  h: number,
  mi: number,
  s: number,
  timeZone: string,
  zone: string | undefined,
): Date {
  if (zone !== undefined) return new Date(Date.UTC(y, mo, d, h, mi, s) - offsetMinutes(zone)! * 60_000);
  return new Date(new TZDate(y, mo, d, h, mi, s, timeZone).getTime());
}

function parseIso(text: string, timeZone: string): TimeResult | null {
  const m = ISO.exec(text);
  if (!m) return null;
  const [, y, mo, d, h = '00', mi = '00', s = '00', zone] = m;
  if (zone && offsetMinutes(zone) === null) return fail(`"${zone}" is not a UTC offset like +02:00.`);
  if (!validFields(Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), Number(y)))
    return fail(`"${text}" is not a real date and time.`);
  return {
    ok: true,
    at: instant(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), timeZone, zone),
  };
}

function validFields(month: number, day: number, hour: number, minute: number, second: number, year = 2000): boolean {
  const daysInMonth = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return month >= 0 && month < 12 && day >= 1 && day <= daysInMonth && hour < 24 && minute < 60 && second < 60;
}

// Which occurrence a clock time without a date names: the most recent one up to `now` (what
// happened), or the first one after `after` (what is planned).
type Occurrence = { past: true } | { past: false; after: Date };

function parseClock(
  text: string,
  now: Date,
  timeZone: string,
  occurrence: Occurrence = { past: true },
): TimeResult | null {
  const m = CLOCK.exec(text);
  if (!m) return null;
  const [, day, hRaw, miRaw, sRaw, meridiem, zone] = m;
  // A bare number ("14") is not a time; "2pm" is.
  if (miRaw === undefined && !meridiem) return null;
  const named = day?.trim().toLowerCase();
  if (named === (occurrence.past ? 'tomorrow' : 'yesterday'))
    return fail(`"${text}": ${occurrence.past ? 'a time that has passed' : 'a time ahead'} is needed here.`);
  let hour = Number(hRaw);
  if (meridiem) {
    if (hour < 1 || hour > 12) return fail(`"${text}": with am/pm the hour is 1 to 12.`);
    hour = (hour % 12) + (meridiem.toLowerCase() === 'pm' ? 12 : 0);
  }
  const minute = Number(miRaw ?? 0);
  const second = Number(sRaw ?? 0);
  if (!validFields(0, 1, hour, minute, second)) return fail(`"${text}" is not a time of day.`);
  if (zone && offsetMinutes(zone) === null) return fail(`"${zone}" is not a UTC offset like +02:00.`);

  // The date where the time is read (the zone named, else the user's), on the day of `from`.
  const dateOf = (from: Date) => {
    const local =
      zone !== undefined
        ? new Date(from.getTime() + offsetMinutes(zone)! * 60_000)
        : new TZDate(from.getTime(), timeZone);
    return zone !== undefined
      ? [local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate()]
      : [local.getFullYear(), local.getMonth(), local.getDate()];
  };
  const on = (from: Date, days: number) => {
    const [y, mo, d] = dateOf(from) as [number, number, number];
    return instant(y, mo, d + days, hour, minute, second, timeZone, zone);
  };
  if (occurrence.past) {
    if (named === 'yesterday') return { ok: true, at: on(now, -1) };
    // The most recent past occurrence: today's, unless that is still ahead, then yesterday's.
    const today = on(now, 0);
    return { ok: true, at: today.getTime() <= now.getTime() ? today : on(now, -1) };
  }
  if (named === 'tomorrow') return { ok: true, at: on(now, 1) };
  // The next occurrence after `after`: that day's, unless it has passed, then the next day's.
  const sameDay = on(occurrence.after, 0);
  return { ok: true, at: sameDay.getTime() > occurrence.after.getTime() ? sameDay : on(occurrence.after, 1) };
}

// SPEC.md "Scheduled maintenance": the one place times ahead are allowed. A clock time is its next
// occurrence after `after` (now, or the start for an end time), `tomorrow 02:00` names the day,
// `+2h` counts from `after`; ISO dates as above. Whole seconds, always later than `after`.
export const FUTURE_TIME_GRAMMAR =
  'Times ahead look like 02:00, 2am, 02:00 UTC, tomorrow 02:00, +2h, +90m or 2026-12-05 02:00.';
const AHEAD = /^\+\s*(\d{1,6})\s*(m|min|mins|h|hr|hrs|d|days?)$/i;
const MAX_AHEAD_MS = 366 * UNIT_MS.d!;

export function parseFutureTime(
  input: string,
  options: { now: Date; after?: Date; timeZone: string; anyDistance?: boolean },
): TimeResult {
  const text = input.trim();
  const after = options.after ?? options.now;
  if (!text) return fail(`No time given. ${FUTURE_TIME_GRAMMAR}`);
  const ahead = AHEAD.exec(text);
  const result = ahead
    ? ({ ok: true, at: new Date(after.getTime() + Number(ahead[1]) * UNIT_MS[ahead[2]![0]!.toLowerCase()]!) } as const)
    : (parseIso(text, options.timeZone) ?? parseClock(text, options.now, options.timeZone, { past: false, after }));
  if (!result) return fail(`I can't read "${text}" as a time. ${FUTURE_TIME_GRAMMAR}`);
  if (!result.ok) return result;
  const at = wholeSeconds(result.at.getTime());
  if (at.getTime() <= after.getTime())
    return fail(
      `${at.toISOString().replace('.000', '')} is not after ${after.toISOString().replace('.000', '')}; give a time ahead.`,
    );
  if (!options.anyDistance && at.getTime() - options.now.getTime() > MAX_AHEAD_MS)
    return fail('That is more than a year ahead.');
  return { ok: true, at };
}

// Whether the text is a time at all, before the user's zone and "now" are known: checked as if at
// the end of time, so only its form can fail.
export function timeSyntaxProblem(text: string): string | null {
  const result = parseTime(text, new Date(8.64e15), 'UTC');
  return result.ok ? null : result.message;
}

// Whether the text is a time ahead at all, before the user's zone and "now" are known.
export function futureTimeSyntaxProblem(text: string): string | null {
  const epoch = new Date(0);
  const result = parseFutureTime(text, { now: epoch, after: epoch, timeZone: 'UTC', anyDistance: true });
  return result.ok ? null : result.message;
}
