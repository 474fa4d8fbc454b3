import { type Clock, systemClock } from '../../src/domain/clock.ts';
import { dueJobCount } from '../../src/jobs/queue.ts';

// Polls until the probe returns something truthy (the bot works asynchronously after acknowledging).
export async function waitFor<T>(
  probe: () => T | Promise<T>,
  what: string,
  timeoutMs = 10_000,
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

// Until the bot has run every side effect due so far (retries included, later timers not).
export async function waitUntilIdle(
  db: Parameters<typeof dueJobCount>[0],
  clock: Clock = systemClock,
  what = 'queued side effects',
  timeoutMs = 15_000,
) {
  await waitFor(async () => (await dueJobCount(db, clock.now())) === 0, what, timeoutMs);
}
