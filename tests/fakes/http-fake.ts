// Plumbing shared by the fake services: a loopback HTTP server on a random port, a call log, and
// fault switches that apply to the next N calls (optionally of one method).
import type http from 'node:http';
import type { AddressInfo } from 'node:net';

export type Fault =
  | { kind: 'ratelimit'; retryAfter?: number }
  | { kind: 'server_error'; status?: number }
  // The call is performed and its effect kept, but the connection is cut before the answer.
  | { kind: 'drop_response' }
  | { kind: 'delay'; ms: number }
  // The request is received but never answered nor performed (the caller dies or times out).
  | { kind: 'hang' }
  // The service answers the call with an error of its own, unperformed (Slack: `{ ok: false, error }`).
  | { kind: 'refuse'; error: string };

export type RecordedCall = { method: string; args: Record<string, unknown>; ok: boolean; error?: string; at: number };

type ArmedFault = {
  fault: Fault;
  remaining: number;
  method?: string;
  when?: (args: Record<string, unknown>) => boolean;
};

export class FaultSwitch {
  private armed: ArmedFault[] = [];
  // `when` narrows the fault to calls whose arguments match.
  arm(fault: Fault, times = 1, method?: string, when?: (args: Record<string, unknown>) => boolean) {
    this.armed.push({ fault, remaining: times, method, when });
  }
  clear() {
    this.armed = [];
  }
  take(method: string, args: Record<string, unknown> = {}): Fault | undefined {
    const entry = this.armed.find(
      (f) => f.remaining > 0 && (!f.method || f.method === method) && (!f.when || f.when(args)),
    );
    if (!entry) return undefined;
    entry.remaining--;
    return entry.fault;
  }
}

export async function readBody(req: http.IncomingMessage): Promise<string> {
  return (await readBytes(req)).toString('utf8');
}

export async function readBytes(req: http.IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export function sendJson(
  res: http.ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
) {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

export async function listen(server: http.Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

export async function close(server: http.Server): Promise<void> {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}

// Applies a fault before the handler runs (ratelimit, 5xx, delay) or after it (drop).
// Returns true when the fault already answered the request.
export async function applyFaultBefore(fault: Fault | undefined, res: http.ServerResponse): Promise<boolean> {
  if (!fault) return false;
  if (fault.kind === 'delay') {
    await new Promise((r) => setTimeout(r, fault.ms));
    return false;
  }
  if (fault.kind === 'hang') return true;
  if (fault.kind === 'ratelimit') {
    const headers: Record<string, string> =
      fault.retryAfter === undefined ? {} : { 'retry-after': String(fault.retryAfter) };
    sendJson(res, 429, { ok: false, error: 'ratelimited' }, headers);
    return true;
  }
  if (fault.kind === 'server_error') {
    sendJson(res, fault.status ?? 503, { ok: false, error: 'service_unavailable' });
    return true;
  }
  if (fault.kind === 'refuse') {
    sendJson(res, 200, { ok: false, error: fault.error });
    return true;
  }
  return false;
}

export function dropConnection(res: http.ServerResponse) {
  res.socket?.destroy();
}
