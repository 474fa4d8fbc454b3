// Severity prompts and comms nudges (SPEC.md "Severity"): asked on a cadence per level, on
// signals, and at declaration without a severity; re-asked once, then escalated to the commander.
export const REASK_AFTER_MS = 10 * 60_000;
export const ESCALATE_AFTER_MS = 10 * 60_000;

export type PromptTrigger =
  | 'declared_without_severity'
  | 'cadence'
  | 'services_added'
  | 'status_investigating'
  | 'new_alerts';

export const TRIGGER_TEXT: Record<PromptTrigger, string> = {
  declared_without_severity: 'No severity was chosen when this was declared.',
  cadence: 'Time for the regular check.',
  services_added: 'Services were added.',
  status_investigating: 'The status went back to investigating.',
  new_alerts: 'New alerts on an affected service.',
};

export type PromptAnswer = 'keep' | 'raise' | 'lower' | { level: string };

// The level an answer means; null for "keep", or when there is no level above or below.
export function levelForAnswer(levels: readonly string[], current: string | null, answer: PromptAnswer): string | null {
  if (typeof answer === 'object') return answer.level;
  if (answer === 'keep' || current === null) return null;
  const index = levels.indexOf(current);
  const next = answer === 'raise' ? index - 1 : index + 1;
  return next >= 0 && next < levels.length ? levels[next]! : null;
}

// Prompts stop when the incident ends and are never sent for drills.
export const promptsApply = (incident: { status: string; isDrill: boolean }) =>
  !incident.isDrill && incident.status !== 'resolved' && incident.status !== 'cancelled';
