// A fake of Linear's GraphQL API for the real @linear/sdk client. Operations are recognised by
// name (the SDK sends no operationName); state is kept so filing, labels, assignees and state
// changes behave like Linear, including refusing a second issue with an id already used.
import http from 'node:http';
import { randomUUID } from 'node:crypto';
import {
  applyFaultBefore,
  close,
  dropConnection,
  FaultSwitch,
  listen,
  readBody,
  sendJson,
  type Fault,
  type RecordedCall,
} from './http-fake.ts';

export type LinearFault = Fault | { kind: 'ratelimited_body' } | { kind: 'unauthenticated' };
export type FakeLinearIssue = {
  id: string;
  identifier: string;
  title: string;
  description?: string;
  teamId: string;
  labelIds: string[];
  priority?: number;
  dueDate?: string;
  assigneeId?: string;
  state: { id: string; name: string; type: string };
  url: string;
  createdAt: string;
  // Moves on every change, as Linear's does: the bot never applies an older one over a newer.
  updatedAt: string;
};

const STATES = {
  backlog: { id: 'state-backlog', name: 'Backlog', type: 'backlog' },
  todo: { id: 'state-todo', name: 'Todo', type: 'unstarted' },
  started: { id: 'state-started', name: 'In Progress', type: 'started' },
  done: { id: 'state-done', name: 'Done', type: 'completed' },
  canceled: { id: 'state-canceled', name: 'Canceled', type: 'canceled' },
} as const;

const page = <T>(nodes: T[]) => ({
  nodes,
  pageInfo: { hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null },
});

export class FakeLinear {
  readonly calls: RecordedCall[] = [];
  readonly faults = new FaultSwitch();
  readonly teams = [
    { id: 'team-eng', key: 'ENG', name: 'Engineering' },
    { id: 'team-ops', key: 'OPS', name: 'Operations' },
  ];
  readonly users: { id: string; name: string; email: string }[] = [];
  readonly labels: { id: string; name: string; teamId?: string }[] = [];
  readonly issues = new Map<string, FakeLinearIssue>();
  readonly attachments: { id: string; issueId: string; url: string; title?: string }[] = [];
  private server = http.createServer((req, res) => void this.handle(req, res));
  private faultsByKind = new FaultSwitch();
  port = 0;

  constructor(readonly apiKey = 'lin_api_test') {}

  get url() {
    return `http://127.0.0.1:${this.port}/graphql`;
  }

  async start() {
    this.port = await listen(this.server);
    return this;
  }

  async stop() {
    await close(this.server);
  }

  // Both kinds of faults share one switch; the Linear-only kinds are answered here.
  fail(fault: LinearFault, times = 1, operation?: string) {
    this.faultsByKind.arm(fault as Fault, times, operation);
  }

  setState(issueId: string, state: keyof typeof STATES) {
    this.change(issueId, { state: { ...STATES[state] } });
  }

  change(issueId: string, fields: Partial<Pick<FakeLinearIssue, 'state' | 'dueDate' | 'assigneeId' | 'teamId'>>) {
    const issue = this.issues.get(issueId)!;
    // Moved to another team: Linear numbers it anew there (the old link redirects).
    if (fields.teamId && fields.teamId !== issue.teamId) {
      const team = this.teams.find((t) => t.id === fields.teamId)!;
      const number = [...this.issues.values()].filter((i) => i.teamId === team.id).length + 1;
      issue.identifier = `${team.key}-${number}`;
      issue.url = `https://linear.fake/issue/${issue.identifier}`;
    }
    Object.assign(issue, fields);
    // Strictly later than the last change, even within one millisecond.
    issue.updatedAt = new Date(Math.max(Date.now(), Date.parse(issue.updatedAt) + 1)).toISOString();
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse) {
    const body = JSON.parse((await readBody(req)) || '{}') as { query?: string; variables?: Record<string, unknown> };
    const operation = /^\s*(?:query|mutation)\s+(\w+)/.exec(body.query ?? '')?.[1] ?? 'unknown';
    const variables = body.variables ?? {};
    const fault = (this.faultsByKind.take(operation) ?? this.faults.take(operation)) as LinearFault | undefined;
    const record = (ok: boolean, error?: string) =>
      this.calls.push({ method: operation, args: variables, ok, error, at: Date.now() });
    if (fault?.kind === 'ratelimited_body') {
      record(false, 'ratelimited');
      return sendJson(res, 400, {
        errors: [
          {
            message: 'Rate limit exceeded',
            extensions: { code: 'RATELIMITED', type: 'ratelimited', userPresentableMessage: 'Too many requests' },
          },
        ],
      });
    }
    if (fault?.kind === 'unauthenticated' || req.headers.authorization !== this.apiKey) {
      record(false, 'authentication');
      return sendJson(res, 401, {
        errors: [
          {
            message: 'Authentication required, not authenticated',
            extensions: {
              code: 'AUTHENTICATION_ERROR',
              type: 'authentication error',
              userPresentableMessage: 'Invalid API key',
            },
          },
        ],
      });
    }
    if (await applyFaultBefore(fault as Fault | undefined, res)) return record(false, fault!.kind);
    try {
      const data = this.dispatch(operation, variables);
      record(true);
      if (fault?.kind === 'drop_response') return dropConnection(res);
      sendJson(res, 200, { data });
    } catch (error) {
      record(false, (error as Error).message);
      sendJson(res, 200, {
        data: null,
        errors: [
          {
            message: (error as Error).message,
            extensions: {
              type: 'invalid input',
              code: 'INPUT_ERROR',
              userPresentableMessage: (error as Error).message,
            },
          },
        ],
      });
    }
  }

  private dispatch(operation: string, v: Record<string, unknown>): Record<string, unknown> {
    const input = (v.input ?? {}) as Record<string, unknown>;
    switch (operation) {
      case 'teams':
        return { teams: page(this.teams) };
      case 'users': {
        const email = ((v.filter as { email?: { eq?: string } } | undefined)?.email?.eq ?? '').toLowerCase();
        return {
          users: page(
            this.users
              .filter((u) => !email || u.email.toLowerCase() === email)
              .map((u) => ({ ...u, displayName: u.name, active: true })),
          ),
        };
      }
      case 'issueLabels': {
        const name = (v.filter as { name?: { eq?: string } } | undefined)?.name?.eq;
        return { issueLabels: page(this.labels.filter((l) => !name || l.name === name)) };
      }
      case 'createIssueLabel': {
        if (this.labels.some((l) => l.name === input.name && l.teamId === input.teamId))
          throw new Error('Label already exists');
        const label = {
          id: String(input.id ?? randomUUID()),
          name: String(input.name),
          teamId: input.teamId as string | undefined,
        };
        this.labels.push(label);
        return { issueLabelCreate: { success: true, lastSyncId: 1, issueLabel: { id: label.id } } };
      }
      case 'createIssue': {
        const id = String(input.id ?? randomUUID());
        if (this.issues.has(id)) throw new Error('Conflict: an issue with this id already exists');
        const team = this.teams.find((t) => t.id === input.teamId);
        if (!team) throw new Error('Team not found');
        if (!input.title) throw new Error('title must not be empty');
        const number = [...this.issues.values()].filter((i) => i.teamId === team.id).length + 1;
        const issue: FakeLinearIssue = {
          id,
          identifier: `${team.key}-${number}`,
          title: String(input.title),
          description: input.description as string | undefined,
          teamId: team.id,
          labelIds: (input.labelIds as string[] | undefined) ?? [],
          priority: input.priority as number | undefined,
          dueDate: input.dueDate as string | undefined,
          assigneeId: input.assigneeId as string | undefined,
          state: { ...STATES.todo },
          url: `https://linear.fake/issue/${team.key}-${number}`,
          createdAt: new Date().toISOString(),
          updatedAt: new Date().toISOString(),
        };
        this.issues.set(id, issue);
        return { issueCreate: { success: true, lastSyncId: 1, issue: { id } } };
      }
      case 'issue': {
        const issue = this.issues.get(String(v.id)) ?? [...this.issues.values()].find((i) => i.identifier === v.id);
        if (!issue) throw new Error('Entity not found: Issue');
        return { issue: this.describe(issue) };
      }
      case 'attachmentLinkURL': {
        if (!this.issues.has(String(v.issueId))) throw new Error('Entity not found: Issue');
        const attachment = {
          id: randomUUID(),
          issueId: String(v.issueId),
          url: String(v.url),
          title: v.title as string | undefined,
        };
        this.attachments.push(attachment);
        return { attachmentLinkURL: { success: true, lastSyncId: 1, attachment: { id: attachment.id } } };
      }
      case 'incidentBotIssueStates': {
        const ids = (v.ids as string[] | undefined) ?? [];
        return {
          issues: page(ids.flatMap((id) => (this.issues.has(id) ? [this.describe(this.issues.get(id)!)] : []))),
        };
      }
      default:
        throw new Error(`fake Linear does not implement ${operation}`);
    }
  }

  private describe(issue: FakeLinearIssue) {
    const team = this.teams.find((t) => t.id === issue.teamId)!;
    const assignee = this.users.find((u) => u.id === issue.assigneeId);
    return {
      ...issue,
      number: Number(issue.identifier.split('-')[1]),
      dueDate: issue.dueDate ?? null,
      priorityLabel: String(issue.priority ?? 0),
      team: { id: team.id, key: team.key, name: team.name },
      assignee: assignee ? { id: assignee.id, email: assignee.email, name: assignee.name } : null,
    };
  }
}
