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
