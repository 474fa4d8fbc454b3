export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)]!;
}

export type LoadResult = { requests: number; seconds: number; p50: number; p99: number; errors: number };

// `clients` loops run at once, each sending `perClient` requests one after another (or one every
// `intervalMs`, the latency still measured per request).
export async function runLoad(
  clients: number,
  perClient: number,
  send: (client: number, i: number) => Promise<boolean>,
  intervalMs = 0,
): Promise<LoadResult> {
  const latencies: number[] = [];
  let errors = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async (_, client) => {
      // Paced clients start spread over one interval rather than all at once.
      if (intervalMs) await new Promise((r) => setTimeout(r, (client * intervalMs) / clients));
      for (let i = 0; i < perClient; i++) {
        const t0 = performance.now();
        const ok = await send(client, i);
        const took = performance.now() - t0;
        latencies.push(took);
        if (!ok) errors++;
        if (intervalMs > took) await new Promise((r) => setTimeout(r, intervalMs - took));
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    requests: latencies.length,
    seconds,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    errors,
  };
}

export const ms = (n: number) => `${n.toFixed(1)} ms`;

// `size` requests at the same instant, `bursts` times, with `between` awaited after each burst.
export async function runBursts(
  size: number,
  bursts: number,
  send: (client: number, burst: number) => Promise<boolean>,
  between: () => Promise<unknown>,
): Promise<LoadResult> {
  const latencies: number[] = [];
  let errors = 0;
  let busySeconds = 0;
  for (let b = 0; b < bursts; b++) {
    const started = performance.now();
    await Promise.all(
      Array.from({ length: size }, async (_, client) => {
        const t0 = performance.now();
        if (!(await send(client, b))) errors++;
        latencies.push(performance.now() - t0);
      }),
    );
    busySeconds += (performance.now() - started) / 1000;
    await between();
  }
  latencies.sort((a, b) => a - b);
  return {
    requests: latencies.length,
    seconds: busySeconds,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    errors,
  };
}
