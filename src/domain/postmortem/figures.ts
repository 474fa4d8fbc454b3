import type { MilestoneKind } from '../milestones.ts';
import { secondsBetween } from './format.ts';

export const FIGURES: { label: string; milestone: MilestoneKind }[] = [
  { label: 'Time to detect', milestone: 'detected' },
  { label: 'Time to acknowledge', milestone: 'acknowledged' },
  { label: 'Time to declare', milestone: 'declared' },
  { label: 'Time to identify', milestone: 'identified' },
  { label: 'Time to mitigate', milestone: 'mitigated' },
  { label: 'Time to resolve', milestone: 'resolved' },
];

export type KeyFigure = { label: string; milestone: MilestoneKind; at: Date | null; seconds: number | null };

// Key figures are measured from `started` (SPEC.md): a milestone before it (an alert before the
// outage) gives a negative figure; a missing one (or a missing `started`) gives none.
export function keyFigures(milestones: { kind: MilestoneKind; occurredAt: Date }[]): {
  started: Date | null;
  triggerToImpact: number | null;
  figures: KeyFigure[];
} {
  const at = (kind: MilestoneKind) => milestones.find((m) => m.kind === kind)?.occurredAt ?? null;
  const started = at('started');
  const triggered = at('triggered');
  return {
    started,
    triggerToImpact: started && triggered ? secondsBetween(triggered, started) : null,
    figures: FIGURES.map(({ label, milestone }) => {
      const when = at(milestone);
      return { label, milestone, at: when, seconds: started && when ? secondsBetween(started, when) : null };
    }),
  };
}
