// A fake of PagerDuty's REST API for the real @pagerduty/pdjs client: incidents with
// incident_key de-duplication, status updates, on-call schedules and users.
import http from 'node:http';
import {
  applyFaultBefore,
  close,
  dropConnection,
  FaultSwitch,
  listen,
  readBody,
  sendJson,
  type RecordedCall,
} from './http-fake.ts';

export type FakePdUser = { id: string; name: string; email: string };
export type FakePdIncident = {
  id: string;
  incident_number: number;
  title: string;
  status: 'triggered' | 'acknowledged' | 'resolved';
  urgency: 'high' | 'low';
  incident_key: string;
  service: { id: string; type: 'service_reference' };
  body?: { type: string; details?: string };
  html_url: string;
  from: string;
};

export class FakePagerDuty {
  readonly calls: RecordedCall[] = [];
  readonly faults = new FaultSwitch();
  readonly users = new Map<string, FakePdUser>();
  readonly incidents: FakePdIncident[] = [];
  // escalation policy id -> users on call, first level first.
  readonly oncalls = new Map<string, string[]>();
  readonly services = new Set<string>();
  private server = http.createServer((req, res) => void this.handle(req, res));
  port = 0;

  constructor(readonly token = 'pd-test-token') {}

  get url() {
    return `http://127.0.0.1:${this.port}`;
  }

  async start() {
    this.port = await listen(this.server);
    return this;
  }

  async stop() {
    await close(this.server);
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://fake');
    const raw = await readBody(req);
    const body = raw ? JSON.parse(raw) : {};
    const method = `${req.method} ${url.pathname.replace(/\/P[A-Z0-9]+$/, '/:id')}`;
    const args = { ...Object.fromEntries(url.searchParams), ...body };
    const fault = this.faults.take(method);
    if (await applyFaultBefore(fault, res)) {
      this.calls.push({ method, args, ok: false, error: fault!.kind, at: Date.now() });
      return;
    }
    if (req.headers.authorization !== `Token token=${this.token}`) {
      this.calls.push({ method, args, ok: false, error: 'unauthorized', at: Date.now() });
      return sendJson(res, 401, { error: { message: 'Unauthorized', code: 2006 } });
    }
    const [status, answer] = this.dispatch(req, url, body);
    this.calls.push({
      method,
      args,
      ok: status < 300,
      error: status < 300 ? undefined : String(status),
      at: Date.now(),
    });
    if (fault?.kind === 'drop_response') return dropConnection(res);
    sendJson(res, status, answer);
  }

  private dispatch(req: http.IncomingMessage, url: URL, body: Record<string, any>): [number, unknown] {
    const path = url.pathname;
    if (req.method === 'POST' && path === '/incidents') {
      const from = req.headers.from;
      if (!from)
        return [
          400,
          { error: { message: 'Invalid Input Provided', code: 2001, errors: ['Requester User Not Found'] } },
        ];
      const input = body.incident ?? {};
      if (input.type !== 'incident' || !input.title || input.service?.type !== 'service_reference') {
        return [
          400,
          {
            error: {
              message: 'Invalid Input Provided',
              code: 2001,
              errors: ['incident, title and service reference are required'],
            },
          },
        ];
      }
      if (!this.services.has(input.service.id)) return [404, { error: { message: 'Not Found', code: 2100 } }];
      const open = this.incidents.find(
        (i) => i.incident_key === input.incident_key && i.service.id === input.service.id && i.status !== 'resolved',
      );
      if (input.incident_key && open) {
        return [
          400,
          {
            error: {
              message: 'Invalid Input Provided',
              code: 2001,
              errors: ['Open incident with matching dedup key already exists on this service'],
            },
          },
        ];
      }
      const number = this.incidents.length + 1;
      const incident: FakePdIncident = {
        id: `PINC${String(number).padStart(4, '0')}`,
        incident_number: number,
        title: input.title,
        status: 'triggered',
        urgency: input.urgency ?? 'high',
        incident_key: input.incident_key ?? `auto-${number}`,
        service: input.service,
        body: input.body,
        html_url: `https://fake.pagerduty.com/incidents/PINC${String(number).padStart(4, '0')}`,
        from: String(from),
      };
      this.incidents.push(incident);
      return [201, { incident }];
    }
    if (req.method === 'GET' && path === '/incidents') {
      const key = url.searchParams.get('incident_key');
      return [
        200,
        { incidents: this.incidents.filter((i) => !key || i.incident_key === key), more: false, limit: 25, offset: 0 },
      ];
    }
    const incidentMatch = /^\/incidents\/(\w+)$/.exec(path);
    if (incidentMatch) {
      const incident = this.incidents.find((i) => i.id === incidentMatch[1]);
      if (!incident) return [404, { error: { message: 'Not Found', code: 2100 } }];
      if (req.method === 'GET') return [200, { incident }];
      if (req.method === 'PUT') {
        const status = body.incident?.status;
        if (!['acknowledged', 'resolved'].includes(status))
          return [400, { error: { message: 'Invalid Input Provided', code: 2001 } }];
        incident.status = status;
        return [200, { incident }];
      }
    }
    if (req.method === 'GET' && path === '/oncalls') {
      const policies = url.searchParams.getAll('escalation_policy_ids[]');
      const withUsers = url.searchParams.getAll('include[]').includes('users');
      const oncalls = policies.flatMap((policy) =>
        (this.oncalls.get(policy) ?? []).map((userId, level) => {
          const user = this.users.get(userId)!;
          return {
            escalation_policy: { id: policy, type: 'escalation_policy_reference' },
            escalation_level: level + 1,
            user: withUsers
              ? { ...user, type: 'user', summary: user.name }
              : { id: user.id, type: 'user_reference', summary: user.name },
          };
        }),
      );
      return [200, { oncalls, more: false, limit: 25, offset: 0 }];
    }
    if (req.method === 'GET' && path === '/users') {
      const query = (url.searchParams.get('query') ?? '').toLowerCase();
      const users = [...this.users.values()].filter(
        (u) => !query || u.email.toLowerCase().includes(query) || u.name.toLowerCase().includes(query),
      );
      return [
        200,
        { users: users.map((u) => ({ ...u, type: 'user', summary: u.name })), more: false, limit: 25, offset: 0 },
      ];
    }
    const userMatch = /^\/users\/(\w+)$/.exec(path);
    if (req.method === 'GET' && userMatch) {
      const user = this.users.get(userMatch[1]!);
      return user
        ? [200, { user: { ...user, type: 'user', summary: user.name } }]
        : [404, { error: { message: 'Not Found', code: 2100 } }];
    }
    return [404, { error: { message: `fake PagerDuty has no ${req.method} ${path}`, code: 2100 } }];
  }
}
