// Severity levels come from the configuration, worst first (SPEC.md "Severity").
export type SeverityDirection = 'upgrade' | 'downgrade' | 'same';

export function severityDirection(levels: readonly string[], from: string | null, to: string): SeverityDirection {
  if (from === to) return 'same';
  if (from === null) return 'upgrade';
  return levels.indexOf(to) < levels.indexOf(from) ? 'upgrade' : 'downgrade';
}

export const isWorstLevel = (levels: readonly string[], level: string) => levels[0] === level;
