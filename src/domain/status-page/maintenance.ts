// Scheduled maintenance as Statuspage has it (SPEC.md "Status page", scheduled maintenance):
// scheduled, then in progress (its components under maintenance), verifying, completed; or
// cancelled, which takes it off the page.
export const MAINTENANCE_STATUSES = ['scheduled', 'in_progress', 'verifying', 'completed'] as const;
export type PublicMaintenanceStatus = (typeof MAINTENANCE_STATUSES)[number];
export type MaintenanceStatus = PublicMaintenanceStatus | 'cancelled';
// What `maintenance update --status` may set by hand.
export const SETTABLE_STATUSES = ['in_progress', 'verifying', 'completed'] as const;
export type SettableStatus = (typeof SETTABLE_STATUSES)[number];

export const MAINTENANCE_LABEL: Record<MaintenanceStatus, string> = {
  scheduled: 'Scheduled',
  in_progress: 'In progress',
  verifying: 'Verifying',
  completed: 'Completed',
  cancelled: 'Cancelled',
};

// Its components are under maintenance while it is in progress or being verified.
export const isUnderWay = (status: string) => status === 'in_progress' || status === 'verifying';
export const isOver = (status: string) => status === 'completed' || status === 'cancelled';

export type MaintenanceStep = 'reminder' | 'start' | 'end';
// Told an hour before, when scheduled more than an hour ahead.
export const REMINDER_BEFORE_MS = 3_600_000;

// What a durable timer does when it fires: the start moves a maintenance still scheduled to in
// progress, the end completes one in progress. A status set by hand wins: one already started,
// completed or being verified by a person is left alone (verifying is a person checking).
export function timerTransition(step: MaintenanceStep, status: string): 'in_progress' | 'completed' | null {
  if (step === 'start' && status === 'scheduled') return 'in_progress';
  if (step === 'end' && (status === 'scheduled' || status === 'in_progress')) return 'completed';
  return null;
}

// Which moves a person may make by hand.
export function manualTransitionProblem(from: string, to: SettableStatus): string | null {
  if (isOver(from)) return `It is ${MAINTENANCE_LABEL[from as MaintenanceStatus].toLowerCase()} already.`;
  if (from === to) return `It is ${MAINTENANCE_LABEL[to].toLowerCase()} already.`;
  return null;
}

// The timers one maintenance needs, given when it was scheduled.
export function stepsFor(
  m: { scheduledFor: Date; scheduledUntil: Date },
  now: Date,
): { step: MaintenanceStep; at: Date }[] {
  const reminderAt = new Date(m.scheduledFor.getTime() - REMINDER_BEFORE_MS);
  return [
    ...(reminderAt.getTime() > now.getTime() ? [{ step: 'reminder' as const, at: reminderAt }] : []),
    { step: 'start', at: m.scheduledFor },
    { step: 'end', at: m.scheduledUntil },
  ];
}
