import { AppError } from '../domain/errors.ts';
import { levelForAnswer, type PromptAnswer } from '../domain/prompts.ts';
import { enqueue } from '../jobs/queue.ts';
import { insertTimelineEntry } from '../store/timeline.ts';
import { changeSeverity } from './change-severity.ts';
import { showPromptAnswer } from './effects.ts';
import { openPrompt } from './open-prompt.ts';
import { scheduleSeverityCadence } from './prompt-schedule.ts';
import type { IncidentAction } from './use-case.ts';

export type AnswerPromptOptions = IncidentAction & { promptId: string; answer: PromptAnswer };

// Records who answered a severity prompt, how, and how long it took; a new level is a severity
// change like any other. The prompt message then shows the answer instead of its buttons.
export async function answerPrompt(action: AnswerPromptOptions) {
  const { tx, clock, config, incident, actorId, promptId, answer } = action;
  const prompt = await openPrompt(tx, incident.id, promptId);
  const now = clock.now();
  const levels = config.file.severities.map((s) => s.id);
  const target = levelForAnswer(levels, incident.severity, answer);
  if (answer !== 'keep' && !target)
    throw new AppError('CONFLICT', `There is no level ${answer === 'raise' ? 'above' : 'below'} ${incident.severity}.`);
  const question = { kind: 'severity', number: incident.number, level: incident.severity } as const;
  const outcome = target && target !== incident.severity ? `changed to ${target}` : `kept at ${incident.severity}`;
  await tx.prompt.update({
    where: { id: promptId },
    data: { answeredAt: now, answeredBy: actorId, answer: target ?? 'keep' },
  });
  const seconds = Math.round((now.getTime() - prompt.askedAt.getTime()) / 1000);
  await insertTimelineEntry(tx, {
    incidentId: incident.id,
    kind: 'prompt_answered',
    text: `Severity check answered: ${outcome} (after ${seconds} s)`,
    actorId,
    occurredAt: now,
    recordedAt: now,
    data: { promptId, trigger: prompt.trigger, answer: target ?? 'keep', seconds },
  });
  if (target && target !== incident.severity)
    await changeSeverity({ ...action, to: target, reason: 'answer to the severity check' });
  else await scheduleSeverityCadence(tx, config, incident, now);
  await enqueue(tx, now, [showPromptAnswer(incident.id, promptId, question, outcome)]);
}
