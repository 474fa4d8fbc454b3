// How the postmortem writes durations (times: ../markdown.ts).
// Whole seconds between the times as printed (each truncated to its second), so the figures add up.
export const secondsBetween = (from: Date, to: Date) =>
  Math.floor(to.getTime() / 1_000) - Math.floor(from.getTime() / 1_000);

// 30 -> "30 s"; 900 -> "15m 0s (900 s)"; 3723 -> "1h 2m 3s (3723 s)"; negatives keep their sign.
export function formatSeconds(seconds: number): string {
  const abs = Math.abs(seconds);
  if (abs < 60) return `${seconds} s`;
  const h = Math.floor(abs / 3_600);
  const m = Math.floor((abs % 3_600) / 60);
  const s = abs % 60;
  return `${seconds < 0 ? '-' : ''}${h ? `${h}h ` : ''}${m}m ${s}s (${seconds} s)`;
}
