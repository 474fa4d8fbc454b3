import { api } from '@pagerduty/pdjs';
import type { OnCall } from '../domain/oncall.ts';
import { ServiceFailure } from './errors.ts';

export type PdIncident = { id: string; url: string; status: string; incidentKey: string | null };

export type NewPage = {
  title: string;
  serviceId: string;
  urgency: 'high' | 'low';
  details: string;
  incidentKey: string;
  assigneeId?: string;
};

// What the bot needs from PagerDuty.
export type Pager = {
  createIncident(page: NewPage): Promise<PdIncident>;
  findByKey(incidentKey: string): Promise<PdIncident | null>;
  resolve(incidentId: string): Promise<void>;
  oncalls(policyIds: string[]): Promise<OnCall[]>;
  userIdByEmail(email: string): Promise<string | null>;
};

const TIMEOUT_MS = 10_000;

// The parts of PagerDuty's answers the bot reads.
type PdIncidentJson = { id: string; html_url: string; status: string; incident_key?: string | null };
type PdOnCallJson = {
  escalation_policy?: { id: string };
  escalation_level: number;
  user?: { name?: string; summary?: string; email?: string };
};
type PdBody = {
  error?: { message?: string; errors?: string[] };
  incident?: PdIncidentJson;
  incidents?: PdIncidentJson[];
  oncalls?: PdOnCallJson[];
  users?: { id: string; email?: string }[];
};

type PdResponse = {
  ok: boolean;
  status: number;
  data?: PdBody;
  response?: { headers?: { get(name: string): string | null } };
};

// pdjs with its quirks handled (CLIENT-NOTES.md): every call gets a full URL (plain http works for a
// local fake), requestTimeout 0 plus our own abort signal (its timer never aborts), and non-2xx
// answers, which resolve, are turned into errors here. It retries a 429 three times by itself and
// ignores Retry-After; its wait is set to 0 so a failing call returns at once and the durable
// queue, which honours Retry-After, owns the backoff.
export function pagerDutyClient(token: string, baseUrl: string, fromEmail: string | null): Pager {
  const base = baseUrl.replace(/\/+$/, '');
  const call = async (
    method: string,
    path: string,
    data?: unknown,
    headers: Record<string, string> = {},
  ): Promise<PdResponse> => {
    let response: PdResponse;
    try {
      response = (await api({
        token,
        url: `${base}${path}`,
        method,
        data,
        headers,
        requestTimeout: 0,
        retryTimeout: 0,
        signal: AbortSignal.timeout(TIMEOUT_MS),
      } as never)) as PdResponse;
    } catch (error) {
      const failed = error as PdResponse & Error;
      if (typeof failed?.status === 'number') return failed;
      throw new ServiceFailure(
        `PagerDuty is unreachable: ${failed?.name === 'AbortError' || failed?.name === 'TimeoutError' ? `no answer within ${TIMEOUT_MS / 1000} s` : failed?.message}`,
      );
    }
    return response;
  };
  const fail = (r: PdResponse, what: string): never => {
    if (r.status === 429) {
      const after = Number(r.response?.headers?.get('retry-after'));
      throw new ServiceFailure(
        'PagerDuty is rate-limiting the bot (429)',
        true,
        Number.isFinite(after) && after > 0 ? after * 1_000 : 30_000,
      );
    }
    if (r.status === 401 || r.status === 403)
      throw new ServiceFailure(`PagerDuty refused the token (${r.status}): check PAGERDUTY_TOKEN`);
    if (r.status >= 500) throw new ServiceFailure(`PagerDuty failed (${r.status})`);
    const errors = r.data?.error?.errors?.join('; ') ?? r.data?.error?.message ?? `HTTP ${r.status}`;
    throw new PagerDutyRefusal(`PagerDuty refused to ${what}: ${errors}`, r.status);
  };
  const describe = (i: PdIncidentJson): PdIncident => ({
    id: i.id,
    url: i.html_url,
    status: i.status,
    incidentKey: i.incident_key ?? null,
  });
  const from = (): Record<string, string> => {
    if (!fromEmail)
      throw new PagerDutyRefusal(
        'PAGERDUTY_FROM_EMAIL is not set: PagerDuty needs it to create or resolve incidents',
        400,
      );
    return { From: fromEmail };
  };

  return {
    async createIncident(page) {
      const r = await call(
        'POST',
        '/incidents',
        {
          incident: {
            type: 'incident',
            title: page.title,
            service: { id: page.serviceId, type: 'service_reference' },
            urgency: page.urgency,
            incident_key: page.incidentKey,
            body: { type: 'incident_body', details: page.details },
            ...(page.assigneeId
              ? { assignments: [{ assignee: { id: page.assigneeId, type: 'user_reference' } }] }
              : {}),
          },
        },
        from(),
      );
      if (!r.ok) fail(r, 'create the incident');
      return describe(r.data!.incident!);
    },
    async findByKey(incidentKey) {
      const r = await call('GET', '/incidents', { incident_key: incidentKey });
      if (!r.ok) fail(r, 'list incidents');
      const found = (r.data?.incidents ?? []).find((i) => i.incident_key === incidentKey);
      return found ? describe(found) : null;
    },
    async resolve(incidentId) {
      const r = await call(
        'PUT',
        `/incidents/${incidentId}`,
        { incident: { type: 'incident_reference', status: 'resolved' } },
        from(),
      );
      if (!r.ok) fail(r, 'resolve the incident');
    },
    async oncalls(policyIds) {
      if (!policyIds.length) return [];
      const r = await call('GET', '/oncalls', { 'escalation_policy_ids[]': policyIds, 'include[]': ['users'] });
      if (!r.ok) fail(r, 'list who is on call');
      return (r.data?.oncalls ?? []).map((o) => ({
        policyId: o.escalation_policy?.id ?? '',
        level: o.escalation_level,
        name: o.user?.name ?? o.user?.summary ?? 'someone',
        email: o.user?.email ?? null,
      }));
    },
    async userIdByEmail(email) {
      const r = await call('GET', '/users', { query: email });
      if (!r.ok) fail(r, 'look the user up');
      return (r.data?.users ?? []).find((u) => String(u.email).toLowerCase() === email.toLowerCase())?.id ?? null;
    },
  };
}

// PagerDuty said no to this request as made (400, 404): retrying the same call cannot help.
export class PagerDutyRefusal extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

export const isDuplicateKey = (error: unknown) =>
  error instanceof PagerDutyRefusal && /matching dedup key already exists/i.test(error.message);
