// Medians and 90th percentiles by nearest rank (SPEC.md "Insights"): the value at rank ⌈p·n⌉ of
// the sorted values, one of the values themselves, never an interpolation; with its n, so "median
// of 3" is never read as "median of 300". Means are not given: one long incident would hide ten
// quick ones.
export type Figure = { n: number; median: number | null; p90: number | null };

export function nearestRank(sorted: readonly number[], p: number): number | null {
  if (!sorted.length) return null;
  const rank = Math.max(1, Math.ceil(p * sorted.length));
  return sorted[rank - 1]!;
}

export function figureOf(values: readonly number[]): Figure {
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
  return { n: sorted.length, median: nearestRank(sorted, 0.5), p90: nearestRank(sorted, 0.9) };
}

// A duration as the insights print it: 45s, 12m, 1h 05m, 2d 3h; negatives keep their sign.
export function shortDuration(seconds: number): string {
  const sign = seconds < 0 ? '-' : '';
  const abs = Math.abs(Math.round(seconds));
  if (abs < 60) return `${sign}${abs}s`;
  const minutes = Math.round(abs / 60);
  if (minutes < 60) return `${sign}${minutes}m`;
  if (minutes < 1440) return `${sign}${Math.floor(minutes / 60)}h ${String(minutes % 60).padStart(2, '0')}m`;
  return `${sign}${Math.floor(minutes / 1440)}d ${Math.floor((minutes % 1440) / 60)}h`;
}
