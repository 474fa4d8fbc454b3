// Delay before the next attempt of a failed side effect: exponential from 2 s, capped at 5 minutes,
// never sooner than the service asked for (Retry-After).
export function retryDelayMs(attempt: number, retryAfterMs = 0, random = Math.random): number {
  const exponential = Math.min(2_000 * 2 ** Math.max(0, attempt - 1), 300_000);
  const jittered = exponential * (0.8 + 0.4 * random());
  return Math.round(Math.max(jittered, retryAfterMs));
}
