import { AuthenticationLinearError, LinearClient, LinearError, RatelimitedLinearError } from '@linear/sdk';
import { Agent } from 'undici';
import { issueUpdate, type LinearIssueUpdate } from '../domain/linear-webhook.ts';
import { ServiceFailure } from './errors.ts';

export type FiledIssue = { id: string; identifier: string; url: string; state: string };

export type NewIssue = {
  // Chosen by us before the call, so a retry can never create a second issue.
  id: string;
  teamId: string;
  title: string;
  description: string;
  priority: number;
  dueDate: string | null;
  labelIds: string[];
  assigneeId: string | null;
};

// What the bot needs from an issue tracker; Linear is the one implemented.
export type IssueTracker = {
  teamId(key: string): Promise<string>;
  labelId(teamId: string, name: string): Promise<string>;
  userIdByEmail(email: string): Promise<string | null>;
  findIssue(id: string): Promise<FiledIssue | null>;
  createIssue(issue: NewIssue): Promise<void>;
  linkUrl(issueId: string, url: string, title: string): Promise<void>;
  // Where each issue is now (the poll, the fallback for webhooks); a deleted issue is left out.
  issues(ids: string[]): Promise<LinearIssueUpdate[]>;
};

const TIMEOUT_MS = 10_000;

// The SDK spreads its options into every fetch call: an undici dispatcher gives each request a
// bounded connect, headers and body time (the SDK has no timeout of its own and no retries).
export function linearTracker(apiKey: string, apiUrl: string): IssueTracker {
  // `dispatcher` is Node's fetch option (not in the DOM RequestInit type the SDK's options extend).
  const dispatcher: Record<string, unknown> = {
    dispatcher: new Agent({ connectTimeout: 5_000, headersTimeout: TIMEOUT_MS, bodyTimeout: TIMEOUT_MS }),
  };
  const client = new LinearClient({ apiKey, apiUrl, ...dispatcher });
  const teams = new Map<string, string>();
  const labels = new Map<string, string>();

  const call = async <T>(work: () => Promise<T>): Promise<T> => {
    try {
      return await work();
    } catch (error) {
      throw classifyLinearError(error);
    }
  };

  const describe = (issue: {
    id: string;
    identifier: string;
    url: string;
    state?: { name: string } | null;
  }): FiledIssue => ({
    id: issue.id,
    identifier: issue.identifier,
    url: issue.url,
    state: issue.state?.name ?? 'unknown',
  });

  return {
    teamId: (key) =>
      call(async () => {
        const known = teams.get(key);
        if (known) return known;
        const found = (await client.teams({ filter: { key: { eq: key } } })).nodes.find((t) => t.key === key);
        if (!found) throw new LinearConfigError(`Linear has no team with the key ${key}`);
        teams.set(key, found.id);
        return found.id;
      }),
    labelId: (teamId, name) =>
      call(async () => {
        const cacheKey = `${teamId}/${name}`;
        const known = labels.get(cacheKey);
        if (known) return known;
        const find = async () =>
          (await client.issueLabels({ filter: { name: { eq: name } } })).nodes.find((l) => l.name === name)?.id;
        // Two items filed at once may both find no label: the one whose create loses reads it again.
        const id =
          (await find()) ??
          (await client.createIssueLabel({ name, teamId }).then(
            (p) => p.issueLabelId,
            async (error) => (await find()) ?? Promise.reject(error),
          ));
        if (!id) throw new ServiceFailure('Linear did not return the new label');
        labels.set(cacheKey, id);
        return id;
      }),
    userIdByEmail: (email) =>
      call(async () => (await client.users({ filter: { email: { eq: email } } })).nodes[0]?.id ?? null),
    findIssue: (id) =>
      call(async () => {
        const { data } = await client.client.rawRequest<{ issues: { nodes: FiledIssueRow[] } }, { ids: string[] }>(
          ISSUES_QUERY,
          { ids: [id] },
        );
        const row = data?.issues.nodes[0];
        return row ? describe(row) : null;
      }),
    createIssue: (issue) =>
      call(async () => {
        const payload = await client.createIssue({
          id: issue.id,
          teamId: issue.teamId,
          title: issue.title,
          description: issue.description,
          priority: issue.priority,
          dueDate: issue.dueDate ?? undefined,
          labelIds: issue.labelIds,
          assigneeId: issue.assigneeId ?? undefined,
        });
        if (!payload.success) throw new ServiceFailure('Linear did not create the issue');
      }),
    linkUrl: (issueId, url, title) => call(async () => void (await client.attachmentLinkURL(issueId, url, { title }))),
    issues: (ids) =>
      call(async () => {
        if (!ids.length) return [];
        const { data } = await client.client.rawRequest<{ issues: { nodes: FiledIssueRow[] } }, { ids: string[] }>(
          ISSUES_QUERY,
          { ids },
        );
        return (data?.issues.nodes ?? []).flatMap((row) => issueUpdate(row) ?? []);
      }),
  };
}

type FiledIssueRow = {
  id: string;
  identifier: string;
  url: string;
  updatedAt: string;
  dueDate: string | null;
  state: { name: string; type: string } | null;
  team: { key: string } | null;
  assignee: { email: string } | null;
};

// One small query for what the bot shows (the SDK's issue() fetches far more).
const ISSUES_QUERY = `query incidentBotIssueStates($ids: [ID!]) {
  issues(filter: { id: { in: $ids } }, first: 100) {
    nodes { id identifier url updatedAt dueDate state { name type } team { key } assignee { email } }
  }
}`;

// A configuration problem (no such team): retrying cannot help until someone fixes the config.
export class LinearConfigError extends Error {}

// Why Linear failed, in words for the room, and when to try again.
export function classifyLinearError(error: unknown): Error {
  if (error instanceof ServiceFailure || error instanceof LinearConfigError) return error;
  if (error instanceof RatelimitedLinearError)
    return new ServiceFailure('Linear is rate-limiting the bot', true, (error.retryAfter ?? 60) * 1_000);
  if (error instanceof LinearError && String(error.type).toLowerCase() === 'ratelimited')
    return new ServiceFailure('Linear is rate-limiting the bot', true, 60_000);
  if (error instanceof AuthenticationLinearError)
    return new ServiceFailure('Linear refused the API key (401): check LINEAR_API_KEY');
  if (error instanceof LinearError)
    return new ServiceFailure(`Linear answered with an error: ${error.message.split('\n')[0]}`);
  return new ServiceFailure(`Linear is unreachable: ${(error as Error).message}`);
}
