import type { Config } from '../config/index.ts';
import { type FreezePromptTrigger, nextFreezeReminder } from '../domain/freeze.ts';
import { enqueue } from '../jobs/queue.ts';
import { activeFreezeWhere } from '../store/freezes.ts';
import type { Prisma } from '../store/generated/client.ts';
import { showPromptAnswer } from './effects.ts';
import { reminderSettings, rescheduleReminder } from './freeze-records.ts';

type Tx = Prisma.TransactionClient;
type FreezeIncident = { id: string; number: number };

// The incident ended or left a freezing level while its deploys are still frozen: ask (buttons)
// whether to lift. Once it has ended, the reminders count from its end.
export async function askToLiftFreezes(
  tx: Tx,
  config: Config,
  incident: FreezeIncident,
  trigger: FreezePromptTrigger,
  now: Date,
) {
  const active = await tx.freeze.findMany({ where: { incidentId: incident.id, ...activeFreezeWhere(now) } });
  if (!active.length) return;
  await enqueue(tx, now, [
    { kind: 'freeze.ask_lift', incidentId: incident.id, payload: { incidentId: incident.id, trigger } },
  ]);
  if (trigger === 'downgraded') return;
  for (const freeze of active)
    await rescheduleReminder(tx, freeze, nextFreezeReminder(freeze, now, reminderSettings(config)), now);
}

// When no freeze of the incident is left, any open "lift the freeze?" question is settled.
export async function settleFreezePrompts(
  tx: Tx,
  incident: FreezeIncident,
  actorId: string,
  outcome: string,
  now: Date,
) {
  const left = await tx.freeze.count({ where: { incidentId: incident.id, ...activeFreezeWhere(now) } });
  if (left) return;
  const open = await tx.prompt.findMany({ where: { incidentId: incident.id, kind: 'freeze', answeredAt: null } });
  for (const prompt of open) {
    await tx.prompt.update({
      where: { id: prompt.id },
      data: { answeredAt: now, answeredBy: actorId, answer: outcome },
    });
    await enqueue(tx, now, [
      showPromptAnswer(incident.id, prompt.id, { kind: 'freeze', number: incident.number }, outcome),
    ]);
  }
}
