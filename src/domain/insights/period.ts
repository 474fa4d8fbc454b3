// The period insights cover: `from` inclusive, `to` exclusive, whole UTC days; 90 days to the end
// of today by default. The machine's time zone plays no part.
const DAY_MS = 86_400_000;
export const DEFAULT_DAYS = 90;
export const MAX_DAYS = 3 * 366;

export type Period = { from: Date; to: Date };

const utcDay = (d: Date) => new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
const parseDay = (text: string): Date | null => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return null;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(text) ? date : null;
};
export const dayText = (d: Date) => d.toISOString().slice(0, 10);

// The last `days` days, today included.
export function lastDays(now: Date, days: number): Period {
  const to = new Date(utcDay(now).getTime() + DAY_MS);
  return { from: new Date(to.getTime() - days * DAY_MS), to };
}

// From the query (`from` and `to` as YYYY-MM-DD, both days included) or the default; a problem in
// words for a bad one.
export function periodOf(now: Date, from?: string | null, to?: string | null): Period | { problem: string } {
  if (!from && !to) return lastDays(now, DEFAULT_DAYS);
  const end = to ? parseDay(to) : utcDay(now);
  if (!end) return { problem: '`to` is not a date: use YYYY-MM-DD.' };
  const toExclusive = new Date(end.getTime() + DAY_MS);
  const start = from ? parseDay(from) : new Date(toExclusive.getTime() - DEFAULT_DAYS * DAY_MS);
  if (!start) return { problem: '`from` is not a date: use YYYY-MM-DD.' };
  if (start >= toExclusive) return { problem: '`from` must not be after `to`.' };
  if (toExclusive.getTime() - start.getTime() > MAX_DAYS * DAY_MS)
    return { problem: `A period is at most ${MAX_DAYS} days.` };
  return { from: start, to: toExclusive };
}

// `30d`, `90d`, `2026-01-01..2026-03-31` as typed in Slack.
export function parsePeriodWords(words: string, now: Date): Period | { problem: string } {
  const text = words.trim();
  if (!text) return lastDays(now, 30);
  const days = /^(\d{1,4})d$/i.exec(text);
  if (days) {
    const n = Number(days[1]);
    if (n < 1 || n > MAX_DAYS) return { problem: `Give between 1 and ${MAX_DAYS} days.` };
    return lastDays(now, n);
  }
  const range = /^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$/.exec(text);
  if (range) return periodOf(now, range[1], range[2]);
  return { problem: 'Use `/incident insights`, `insights 90d` or `insights 2026-01-01..2026-03-31`.' };
}

// Mondays 00:00 UTC from the week holding `from` to the one holding the last day.
export function weeksOf(period: Period): Date[] {
  const first = utcDay(period.from);
  const monday = new Date(first.getTime() - ((first.getUTCDay() + 6) % 7) * DAY_MS);
  const weeks: Date[] = [];
  for (let w = monday.getTime(); w < period.to.getTime(); w += 7 * DAY_MS) weeks.push(new Date(w));
  return weeks;
}

export const weekOf = (at: Date): Date => {
  const day = utcDay(at);
  return new Date(day.getTime() - ((day.getUTCDay() + 6) % 7) * DAY_MS);
};

export const periodDays = (p: Period) => (p.to.getTime() - p.from.getTime()) / DAY_MS;
