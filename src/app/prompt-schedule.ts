import type { Config } from '../config/index.ts';
import type { PromptTrigger } from '../domain/prompts.ts';
import { cancelJobs, enqueue } from '../jobs/queue.ts';
import type { Prisma } from '../store/generated/client.ts';

type Tx = Prisma.TransactionClient;
type PromptIncident = { id: string; severity: string | null; isDrill: boolean };

export const PROMPT_JOBS = [
  'prompt.ask',
  'prompt.severity_cadence',
  'prompt.nudge_cadence',
  'prompt.reask',
  'prompt.escalate',
];

const level = (config: Config, id: string | null) => config.file.severities.find((s) => s.id === id);

// Asks now (declared without severity, or a signal).
export async function askSeverityNow(tx: Tx, incident: PromptIncident, trigger: PromptTrigger, now: Date) {
  if (incident.isDrill) return;
  await enqueue(tx, now, [
    { kind: 'prompt.ask', incidentId: incident.id, payload: { incidentId: incident.id, kind: 'severity', trigger } },
  ]);
}

// (Re)starts the severity cadence of the incident's current level, replacing any earlier timer.
export async function scheduleSeverityCadence(tx: Tx, config: Config, incident: PromptIncident, now: Date) {
  await cancelJobs(tx, incident.id, ['prompt.severity_cadence']);
  const every = level(config, incident.severity)?.prompt_every;
  if (incident.isDrill || !every) return;
  await enqueue(tx, now, [
    {
      kind: 'prompt.severity_cadence',
      incidentId: incident.id,
      runAt: new Date(now.getTime() + every),
      payload: { incidentId: incident.id, kind: 'severity', trigger: 'cadence' },
    },
  ]);
}

// (Re)starts the comms-update nudge; an update resets it.
export async function scheduleNudge(tx: Tx, config: Config, incident: PromptIncident, now: Date) {
  await cancelJobs(tx, incident.id, ['prompt.nudge_cadence']);
  const every = level(config, incident.severity)?.nudge_every;
  if (incident.isDrill || !every) return;
  await enqueue(tx, now, [
    {
      kind: 'prompt.nudge_cadence',
      incidentId: incident.id,
      runAt: new Date(now.getTime() + every),
      payload: { incidentId: incident.id, kind: 'nudge', trigger: 'cadence' },
    },
  ]);
}

export async function scheduleAllPrompts(tx: Tx, config: Config, incident: PromptIncident, now: Date) {
  await scheduleSeverityCadence(tx, config, incident, now);
  await scheduleNudge(tx, config, incident, now);
}

// The incident ended: no prompt, re-ask or nudge fires any more.
export async function stopPrompts(tx: Tx, incidentId: string) {
  await cancelJobs(tx, incidentId, PROMPT_JOBS);
}
