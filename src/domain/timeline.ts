import { describeScope } from './freeze.ts';

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

// Times inside an entry's sentence (a corrected milestone's earlier time, a freeze's end) are kept
// as data and written by whoever shows the entry: UTC in the postmortem, each reader's zone in
// Slack. Entries recorded before that have the time in their text, and no such data.
export type EntryWithData = { kind?: string; text: string; data?: unknown };

export function entryText(entry: EntryWithData, time: (at: Date) => string): string {
  const d = (entry.data ?? {}) as Record<string, unknown>;
  const at = (key: string) => (typeof d[key] === 'string' ? time(new Date(d[key] as string)) : null);
  const reason = typeof d.reason === 'string' && d.reason ? `: ${d.reason}` : '';
  switch (entry.kind) {
    case 'milestone': {
      const was = at('was');
      return was ? `Milestone ${d.milestone} (was ${was})${d.text ? `: ${d.text}` : ''}` : entry.text;
    }
    case 'impact': {
      const from = at('correctedFrom');
      return from ? `${entry.text}: corrected from ${from}` : entry.text;
    }
    case 'freeze': {
      const until = at('until');
      const scope = { services: (d.services ?? []) as string[], environments: (d.environments ?? []) as string[] };
      return until ? `Deploys frozen for ${describeScope(scope)} until ${until}${reason}` : entry.text;
    }
    case 'exception': {
      const until = at('until');
      return until ? `Exception: ${d.service}@${d.version} may deploy until ${until}${reason}` : entry.text;
    }
    case 'status_page': {
      const title = d.first || d.renamed ? ` "${d.title}"` : '';
      return `Status page${title} (${d.status}): ${entry.text}`;
    }
    default:
      return entry.text;
  }
}
