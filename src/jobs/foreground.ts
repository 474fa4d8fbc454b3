// Slack gives an app 3 seconds to acknowledge. Background jobs give way while requests from Slack
// are being acknowledged, and for a moment after (requests come in bursts: everyone in a channel
// acts at once); the work they defer is already recorded and runs right after.
const GRACE_MS = 50;

export class Foreground {
  private inFlight = 0;
  private lastLeftAt = 0;
  private idle: (() => void)[] = [];
  private graceTimer: NodeJS.Timeout | undefined;

  // Call when a request from Slack arrives; call the returned function once it is answered.
  enter() {
    this.inFlight++;
    let left = false;
    return () => {
      if (left) return;
      left = true;
      this.inFlight--;
      this.lastLeftAt = performance.now();
      if (this.inFlight === 0) this.wakeAfterGrace();
    };
  }

  get busy() {
    return this.inFlight > 0 || performance.now() - this.lastLeftAt < GRACE_MS;
  }

  // Resolves once the foreground is quiet, or after `maxWaitMs` so background work is never starved.
  async quiet(maxWaitMs: number): Promise<void> {
    if (!this.busy) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, maxWaitMs);
      this.idle.push(() => {
        clearTimeout(timer);
        resolve();
      });
      this.wakeAfterGrace();
    });
  }

  private wakeAfterGrace() {
    clearTimeout(this.graceTimer);
    if (this.inFlight > 0) return;
    const wait = Math.max(0, GRACE_MS - (performance.now() - this.lastLeftAt));
    this.graceTimer = setTimeout(() => {
      if (this.busy) return this.wakeAfterGrace();
      for (const resolve of this.idle.splice(0)) resolve();
    }, wait);
    this.graceTimer.unref();
  }
}
