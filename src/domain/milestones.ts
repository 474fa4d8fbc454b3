// SPEC.md "Milestones": status changes set milestones unless one is already recorded.
export const MILESTONES = [
  'triggered',
  'started',
  'detected',
  'acknowledged',
  'declared',
  'identified',
  'mitigated',
  'resolved',
] as const;
export type MilestoneKind = (typeof MILESTONES)[number];

export const MILESTONE_FOR_STATUS: Record<string, MilestoneKind | undefined> = {
  identified: 'identified',
  monitoring: 'mitigated',
  resolved: 'resolved',
};

// A status change sets its milestone when none is recorded, and a resolve after a reopen moves
// `resolved` to the new time.
export function statusSetsMilestone(
  kind: MilestoneKind,
  existing: { occurredAt: Date } | null,
  lastReopenedAt: Date | null,
  at: Date,
): boolean {
  if (!existing) return true;
  return kind === 'resolved' && lastReopenedAt !== null && lastReopenedAt > existing.occurredAt && at >= lastReopenedAt;
}
