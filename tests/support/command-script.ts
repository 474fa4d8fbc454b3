// A typical incident's commands, and what its record and room come to, to compare runs of the
// same commands (tests/integration/command-order*.test.ts).
import type { Db } from '../../src/store/database.ts';
import type { FakeSlack } from '../fakes/slack.ts';

// 30 commands as a responder might type them during one incident.
export const SCRIPT = [
  'note checkout errors reported',
  'impact api start',
  'status identified bad deploy of the cart service',
  'note rollback started',
  'impact api end',
  'mark mitigated',
  'status monitoring',
  'impact web start --degraded',
  'status investigating errors again',
  'sev SEV2 wider than we thought',
  'note second rollback',
  'impact web end',
  'impact api start',
  'status identified a second bad node',
  'impact api end',
  'update customers told about the second wave',
  'status monitoring',
  'note error rate at baseline',
  'sev SEV3 contained',
  'edit summary a bad deploy, rolled back twice',
  'action add a canary stage --priority high',
  'impact db start --env preview',
  'impact db end --env preview',
  'mark resolved',
  'status resolved all good',
  'note postmortem scheduled',
  'reopen one more error',
  'note last stragglers',
  'impact api start',
  'impact api end',
] as const;

// What a record is made of, without ids, numbers and times: two incidents run through the same
// commands must read the same.
export async function recordOf(db: Db, incidentId: string) {
  const entries = await db.timelineEntry.findMany({ where: { incidentId }, orderBy: { seq: 'asc' } });
  const statuses = await db.statusChange.findMany({ where: { incidentId }, orderBy: { occurredAt: 'asc' } });
  const severities = await db.severityChange.findMany({ where: { incidentId }, orderBy: { occurredAt: 'asc' } });
  const windows = await db.impactWindow.findMany({
    where: { incidentId, supersededAt: null },
    orderBy: [{ startedAt: 'asc' }, { service: 'asc' }],
  });
  return {
    timeline: entries.map((e) => `${e.kind}: ${e.text.replace(/INC-\d+/g, 'INC-n')}`),
    // The entries of the commands were typed one after another, so they happened in that order.
    inTypedOrder: entries.every((e, i) => i === 0 || e.occurredAt >= entries[i - 1]!.occurredAt),
    statuses: statuses.map((s) => `${s.fromStatus} -> ${s.toStatus}`),
    severities: severities.map((s) => `${s.fromLevel} -> ${s.toLevel}`),
    windows: windows.map((w) => `${w.service}/${w.environment} ${w.endedAt ? 'closed' : 'OPEN'}`),
  };
}

// The room as people read it, dates left out, and severity prompts too: they are asked on
// signals and timers, when the worker gets to them, not at a place in the typed sequence.
const isPrompt = (m: { text: string; blocks?: unknown }) =>
  JSON.stringify(m.blocks ?? '').includes('prompt_answer_') || /still right for|What severity is/.test(m.text);

export function roomPosts(slack: FakeSlack, channelId: string) {
  return slack.channels
    .get(channelId)!
    .messages.filter((m) => !isPrompt(m))
    .map((m) => m.text.replace(/<!date\^[^>]+>/g, '<date>').replace(/INC-\d+/g, 'INC-n'));
}
