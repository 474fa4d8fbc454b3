// Timeline order (SPEC.md): when it happened, then when it was recorded, then entry id, so an event
// entered hours later sits where it happened.
export type OrderedEntry = { id: number; occurredAt: Date; recordedAt: Date };

export function compareEntries(a: OrderedEntry, b: OrderedEntry): number {
  return (
    a.occurredAt.getTime() - b.occurredAt.getTime() || a.recordedAt.getTime() - b.recordedAt.getTime() || a.id - b.id
  );
}

// Entered more than a minute after it happened.
export const BACKDATED_AFTER_MS = 60_000;
export const isBackdated = (entry: OrderedEntry) =>
  entry.recordedAt.getTime() - entry.occurredAt.getTime() > BACKDATED_AFTER_MS;

export const TIMELINE_ORDER = [{ occurredAt: 'asc' }, { recordedAt: 'asc' }, { id: 'asc' }] as const;

// Collapsed repeats (deploy-gate decisions) show how many events the entry stands for.
export const repeatSuffix = (count: number | undefined) => (count && count > 1 ? ` (×${count})` : '');
