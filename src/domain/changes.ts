// Changes (SPEC.md "Changes"): deploys reported by CI or GitHub, the suspects shown when an incident
// opens, and the grammar of `/incident cause`.
import { z } from 'zod';

export const CHANGE_STATUSES = ['started', 'succeeded', 'failed', 'rolled_back'] as const;
export type ChangeStatus = (typeof CHANGE_STATUSES)[number];

// As the deploy gate reads them: lower case, letters, digits, - _ or . (at most 64).
export const ZName = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9_.-]{0,63}$/, 'must be a name of letters, digits, - _ or . (at most 64)');
export const ZVersion = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._+-]{0,127}$/, 'must be a commit SHA or a version tag');
const isoTime = z.iso.datetime({ offset: true });

// What CI sends to `POST /api/v1/deploys`. Unknown fields are refused: a typo must not pass silently.
export const ZDeployReport = z
  .object({
    service: ZName,
    environment: ZName,
    version: ZVersion,
    status: z.enum(CHANGE_STATUSES),
    url: z
      .url({ protocol: /^https?$/ })
      .max(2_000)
      .optional(),
    commit_sha: z
      .string()
      .regex(/^[0-9a-f]{7,64}$/i, 'a commit SHA (hex)')
      .optional(),
    committed_at: isoTime.optional(),
    actor: z.string().min(1).max(200).optional(),
    at: isoTime.optional(),
    key: z.string().min(1).max(200).optional(),
  })
  .strict();
export type DeployReport = z.infer<typeof ZDeployReport>;

// GitHub `deployment_status` states: success/failure/error/in_progress are changes; pending,
// queued and inactive are not (answered and ignored).
export function changeStatusOfGitHub(state: string): ChangeStatus | null {
  switch (state) {
    case 'success':
      return 'succeeded';
    case 'failure':
    case 'error':
      return 'failed';
    case 'in_progress':
      return 'started';
    default:
      return null;
  }
}

// A failed or rolled-back deploy of an affected service is news in an open incident's room.
export const isBadNews = (status: string) => status === 'failed' || status === 'rolled_back';

// How far back suspects are looked for before `started`, unless configured.
export const DEFAULT_LOOKBACK_MS = 6 * 3_600_000;

// `/incident cause api@4f2a9c1 [--env production]` or `/incident cause none`.
export type CauseTarget = { service: string; version: string; environment: string | null } | null;

export type ChangeLike = { environment: string; version: string; status: string; occurredAt: Date };

// Which recorded change a `cause` names: versions match exactly, or by a prefix of at least 7
// characters (a short SHA); production is preferred when several environments share the version;
// then the latest that succeeded, then the latest.
export function pickCause<C extends ChangeLike>(changes: C[], target: NonNullable<CauseTarget>): C | null {
  const matching = changes.filter(
    (c) =>
      (c.version === target.version || (target.version.length >= 7 && c.version.startsWith(target.version))) &&
      (!target.environment || c.environment === target.environment),
  );
  if (!matching.length) return null;
  const rank = (c: C) => [
    c.environment === 'production' ? 1 : 0,
    c.status === 'succeeded' ? 1 : 0,
    c.occurredAt.getTime(),
  ];
  return [...matching].sort((a, b) => {
    const [x, y] = [rank(a), rank(b)];
    for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return y[i]! - x[i]!;
    return 0;
  })[0]!;
}

// A recorded change as the postmortem, the web view and the lists read it.
export type ChangeRecord = {
  id: string;
  service: string;
  environment: string;
  version: string;
  status: string;
  pipeline: string;
  url: string | null;
  occurredAt: Date;
};

// A deploy's name as people read it: a full commit SHA by its first 7 characters ("api@4f2a9c1").
export const shortVersion = (version: string) => (/^[0-9a-f]{13,}$/i.test(version) ? version.slice(0, 7) : version);
export const deployLabel = (c: { service: string; version: string }) => `${c.service}@${shortVersion(c.version)}`;
// "rolled_back" as words.
export const changeStatusWords = (status: string) => status.replace('_', ' ');
