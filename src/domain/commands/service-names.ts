// Which service names a person may type (SPEC.md "The Slack surface"). With no catalog in the
// configuration, any lowercase id is accepted, so a first install can freeze `api` or record its
// impact before anyone writes YAML. With one, a name outside it is refused, with the close matches:
// a typo in a freeze must never freeze nothing.
const SERVICE_ID = /^[a-z0-9][a-z0-9_-]*$/;
const MAX_ID = 40;

export function serviceNamesProblem(ids: string[], catalog: readonly string[]): string | null {
  if (!catalog.length) {
    const bad = ids.filter((id) => !SERVICE_ID.test(id) || id.length > MAX_ID);
    if (!bad.length) return null;
    return `${bad.join(', ')}: a service name is lowercase letters, digits, - and _ (like api or checkout-web), at most ${MAX_ID} characters.`;
  }
  const unknown = ids.filter((id) => !catalog.includes(id));
  if (!unknown.length) return null;
  const named = unknown.map((id) => {
    const close = closeMatches(id, catalog);
    return close.length ? `${id} (did you mean ${close.join(' or ')}?)` : id;
  });
  return `Unknown service${unknown.length > 1 ? 's' : ''}: ${named.join(', ')}. Known services: ${catalog.join(', ')}.`;
}

// Names within a small edit distance (a third of the word, at least one), or that start alike.
export function closeMatches(word: string, candidates: readonly string[], max = 3): string[] {
  const limit = Math.max(1, Math.floor(word.length / 3));
  return candidates
    .map((c) => ({ c, d: c.startsWith(word) || word.startsWith(c) ? 0.5 : editDistance(word, c) }))
    .filter(({ d }) => d <= limit)
    .sort((a, b) => a.d - b.d || a.c.localeCompare(b.c))
    .slice(0, max)
    .map(({ c }) => c);
}

// Optimal string alignment distance: insertions, deletions, substitutions and swapped neighbours.
function editDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        best = Math.min(best, d[i - 2]![j - 2]! + 1);
      d[i]![j] = best;
    }
  }
  return d[a.length]![b.length]!;
}
