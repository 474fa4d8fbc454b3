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
  };
};

const text = (v: unknown) => (typeof v === 'string' && v ? v : null);

// An Issue event as the bot applies it; null for anything else (comments, projects…).
export function linearIssueUpdate(payload: unknown): LinearIssueUpdate | null {
  const p = payload as Payload;
  if (p?.type !== 'Issue' || !p.data) return null;
  const issueId = text(p.data.id);
  const updatedAt = text(p.data.updatedAt);
  if (!issueId || !updatedAt || Number.isNaN(Date.parse(updatedAt))) return null;
  const due = text(p.data.dueDate);
  return {
    issueId,
    removed: p.action === 'remove',
    updatedAt: new Date(updatedAt),
    stateName: text(p.data.state?.name),
    stateType: text(p.data.state?.type),
    assigneeEmail: text(p.data.assignee?.email),
    dueDate: due && /^\d{4}-\d{2}-\d{2}$/.test(due) ? due : null,
  };
}

// Completed and canceled issues close their action item (a cancelled one says so); any other
// state after them reopens it.
export function itemStateOf(update: LinearIssueUpdate): { state: 'open' | 'done'; label: string } | null {
  if (update.removed) return { state: 'open', label: 'Deleted in Linear' };
  if (!update.stateType) return null;
  if (update.stateType === 'completed') return { state: 'done', label: update.stateName ?? 'Done' };
  if (update.stateType === 'canceled') return { state: 'done', label: 'Cancelled' };
  return { state: 'open', label: update.stateName ?? update.stateType };
}
