// Bolt refuses signed requests older than 5 minutes but accepts ones from the future; a replayed
// request with a forged clock should not get through either.
const MAX_SKEW_SECONDS = 300;

export function isSlackTimestampFresh(header: string | string[] | undefined, nowMs: number): boolean {
  const value = Number(Array.isArray(header) ? header[0] : header);
  if (!Number.isFinite(value)) return false;
  return Math.abs(nowMs / 1000 - value) <= MAX_SKEW_SECONDS;
}
