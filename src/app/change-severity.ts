import { AppError } from '../domain/errors.ts';
import { incidentRef } from '../domain/incident.ts';
import { describePrincipals, isAllowed } from '../domain/policy.ts';
import { isWorstLevel, severityDirection } from '../domain/severity.ts';
import { enqueue } from '../jobs/queue.ts';
import { insertTimelineEntry } from '../store/timeline.ts';
import { announce, postInRoom, showPromptAnswer, updateHeader } from './effects.ts';
import { askToLiftFreezes } from './freeze-prompts.ts';
import { scheduleAllPrompts } from './prompt-schedule.ts';
import { enterSeverity } from './severity-effects.ts';
import { rolesHeldBy } from './incident-in-channel.ts';
import type { IncidentAction } from './use-case.ts';

const freezes = (config: ChangeSeverityOptions['config'], level: string | null) =>
  !!config.file.severities.find((s) => s.id === level)?.freeze;

export type ChangeSeverityOptions = IncidentAction & { to: string; reason: string };

// Every change is a record (from, to, who, when, why), shown on the header and announced.
export async function changeSeverity({
  tx,
  clock,
  config,
  incident,
  actorId,
  actorEmail,
  occurredAt,
  to,
  reason,
}: ChangeSeverityOptions) {
  const ref = incidentRef(incident.number);
  const levels = config.file.severities.map((s) => s.id);
  const direction = severityDirection(levels, incident.severity, to);
  if (direction === 'same') throw new AppError('CONFLICT', `${ref} is already ${to}. Nothing changed.`);
  const allowed = config.file.policy.raise_to_worst;
  if (
    isWorstLevel(levels, to) &&
    !isAllowed(allowed, { id: actorId, email: actorEmail }, rolesHeldBy(incident, actorId))
  ) {
    throw new AppError('FORBIDDEN', `Only ${describePrincipals(allowed!)} may raise ${ref} to ${to}.`);
  }
  const now = clock.now();
  const from = incident.severity;
  await tx.incident.update({ where: { id: incident.id }, data: { severity: to } });
  await tx.severityChange.create({
    data: {
      incidentId: incident.id,
      fromLevel: from,
      toLevel: to,
      changedBy: actorId,
      occurredAt,
      recordedAt: now,
      reason,
    },
  });
  const change = `${from ?? 'no severity'} → ${to}`;
  const why = reason ? `: ${reason}` : '';
  await insertTimelineEntry(tx, {
    incidentId: incident.id,
    kind: 'severity',
    text: `Severity ${change}${why}`,
    actorId,
    occurredAt,
    recordedAt: now,
    data: { from, to, reason, direction },
  });
  const event = { type: 'severity_changed', actorId, from, to, reason, direction } as const;
  const jobs = [updateHeader(incident.id), postInRoom(incident, event)];
  if (!incident.isPrivate) jobs.push(announce(incident, event));
  // A question about the old level is settled by the change.
  const open = await tx.prompt.findMany({ where: { incidentId: incident.id, kind: 'severity', answeredAt: null } });
  for (const prompt of open) {
    await tx.prompt.update({ where: { id: prompt.id }, data: { answeredAt: now, answeredBy: actorId, answer: to } });
    const question = { kind: 'severity', number: incident.number, level: from } as const;
    jobs.push(showPromptAnswer(incident.id, prompt.id, question, `changed to ${to}`));
  }
  if (direction === 'upgrade') await enterSeverity(tx, config, incident, to, actorId, now);
  else if (freezes(config, from) && !freezes(config, to))
    await askToLiftFreezes(tx, config, incident, 'downgraded', now);
  await scheduleAllPrompts(tx, config, { ...incident, severity: to }, now);
  await enqueue(tx, now, jobs);
}
