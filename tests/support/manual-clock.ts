import type { Clock } from '../../src/domain/clock.ts';

// Real time plus an offset the test moves forward: timers and backoffs come due without waiting.
export class ManualClock implements Clock {
  private offsetMs = 0;
  now() {
    return new Date(Date.now() + this.offsetMs);
  }
  advance(ms: number) {
    this.offsetMs += ms;
  }
}
