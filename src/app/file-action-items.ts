import { randomUUID } from 'node:crypto';
import { AppError } from '../domain/errors.ts';
import { enqueue } from '../jobs/queue.ts';
import { postInRoom } from './effects.ts';
import type { IncidentAction } from './use-case.ts';

export const linearConfigured = (config: IncidentAction['config']) => !!config.LINEAR_API_KEY && !!config.file.linear;

// Files every unfiled item. Each item's Linear id is chosen and stored here, before any call:
// a retried create names the same id, so it can never make a second issue.
export async function fileActionItems({ tx, clock, config, incident, actorId }: IncidentAction) {
  if (!linearConfigured(config)) {
    throw new AppError(
      'NOT_CONFIGURED',
      'Linear is not configured: set LINEAR_API_KEY and `linear: { team: ENG }` in the configuration file.',
    );
  }
  const items = await tx.actionItem.findMany({
    where: { incidentId: incident.id, state: { not: 'removed' }, filing: 'unfiled' },
    orderBy: { seq: 'asc' },
  });
  if (!items.length)
    throw new AppError(
      'CONFLICT',
      'There is nothing to file: every action item is filed or on its way. `/incident actions` shows them.',
    );
  const now = clock.now();
  for (const item of items) {
    await tx.actionItem.update({
      where: { id: item.id },
      data: { filing: 'pending', filingError: null, linearIssueId: item.linearIssueId ?? randomUUID() },
    });
  }
  await enqueue(tx, now, [
    ...items.map((item) => ({ kind: 'linear.file_item', incidentId: incident.id, payload: { itemId: item.id } })),
    postInRoom(incident, { type: 'action_items_filing', actorId, seqs: items.map((i) => i.seq) }),
  ]);
}
