// Linear's Issue webhooks (SPEC.md "Follow-ups"): what an action item follows of its issue.
export type LinearIssueUpdate = {
  issueId: string;
  removed: boolean;
  updatedAt: Date;
  stateName: string | null;
  // Linear's workflow state types: triage, backlog, unstarted, started, completed, canceled.
  stateType: string | null;
  assigneeEmail: string | null;
  // YYYY-MM-DD, or null when cleared.
  dueDate: string | null;
  // ENG-12: a new team key means the issue was moved to another team.
  identifier: string | null;
  teamKey: string | null;
};

type Payload = {
  type?: unknown;
  action?: unknown;
  data?: {
    id?: unknown;
    updatedAt?: unknown;
    dueDate?: unknown;
    state?: { name?: unknown; type?: unknown } | null;
    assignee?: { email?: unknown } | null;
    identifier?: unknown;
    team?: { key?: unknown } | null;
  };
};

const text = (v: unknown) => (typeof v === 'string' && v ? v : null);

// An Issue event as the bot applies it; null for anything else (comments, projects…).
export function linearIssueUpdate(payload: unknown): LinearIssueUpdate | null {
  const p = payload as Payload;
  if (p?.type !== 'Issue' || !p.data) return null;
  return issueUpdate(p.data, p.action === 'remove');
}

// An issue as Linear describes it, in a webhook's `data` or the poll's answer.
export function issueUpdate(data: NonNullable<Payload['data']>, removed = false): LinearIssueUpdate | null {
  const issueId = text(data.id);
  const updatedAt = text(data.updatedAt);
  if (!issueId || !updatedAt || Number.isNaN(Date.parse(updatedAt))) return null;
  const due = text(data.dueDate);
  return {
    issueId,
    removed,
    updatedAt: new Date(updatedAt),
    stateName: text(data.state?.name),
    stateType: text(data.state?.type),
    assigneeEmail: text(data.assignee?.email),
    dueDate: due && /^\d{4}-\d{2}-\d{2}$/.test(due) ? due : null,
    identifier: text(data.identifier),
    teamKey: text(data.team?.key),
  };
}

const teamOf = (identifier: string | null) => identifier?.split('-')[0] ?? null;

// Completed and canceled issues close their action item (a cancelled one says so); any other
// state after them reopens it. filedKey: the key it was filed under (ENG-12); an issue now in
// another team says where it went (Linear redirects the old link).
export function itemStateOf(
  update: LinearIssueUpdate,
  filedKey: string | null = null,
): { state: 'open' | 'done'; label: string } | null {
  if (update.removed) return { state: 'open', label: 'Deleted in Linear' };
  if (!update.stateType) return null;
  const state =
    update.stateType === 'completed'
      ? { state: 'done' as const, label: update.stateName ?? 'Done' }
      : update.stateType === 'canceled'
        ? { state: 'done' as const, label: 'Cancelled' }
        : { state: 'open' as const, label: update.stateName ?? update.stateType };
  const team = update.teamKey ?? teamOf(update.identifier);
  const moved = team && teamOf(filedKey) && team !== teamOf(filedKey);
  return moved ? { ...state, label: `${state.label}, moved to ${team}` } : state;
}
