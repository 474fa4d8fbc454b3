import type { GateCliSettings } from '../config/gate-cli.ts';

export const EXIT = { allowed: 0, frozen: 1, undecided: 2 } as const;

export type GateCheck = { service: string; environment: string; version: string };
export type CheckPolicy = { onUnreachable: 'open' | 'closed' | 'undecided'; timeoutMs: number; attempts: number };
export type CheckIo = { print(line: string): void; sleep(ms: number): Promise<void> };

type Attempt = { status: number; body: Record<string, unknown>; retryAfterMs: number | null } | { failure: string };

const MAX_RETRY_AFTER_MS = 10_000;

async function ask(settings: GateCliSettings, check: GateCheck, timeoutMs: number): Promise<Attempt> {
  const url = new URL('/api/v1/deploy-gate', settings.botUrl);
  url.search = new URLSearchParams({
    service: check.service,
    environment: check.environment,
    version: check.version,
  }).toString();
  try {
    const res = await fetch(url, {
      headers: { authorization: `Bearer ${settings.token}`, accept: 'application/json' },
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await res.text();
    let body: Record<string, unknown> = {};
    try {
      body = JSON.parse(text) as Record<string, unknown>;
    } catch {
      body = { message: text.slice(0, 200) };
    }
    const retryAfter = Number(res.headers.get('retry-after'));
    return {
      status: res.status,
      body,
      retryAfterMs:
        Number.isFinite(retryAfter) && retryAfter > 0 ? Math.min(retryAfter * 1_000, MAX_RETRY_AFTER_MS) : null,
    };
  } catch (error) {
    const name = (error as Error).name;
    const cause = (error as { cause?: { code?: string } }).cause?.code;
    return {
      failure:
        name === 'TimeoutError'
          ? `no answer within ${timeoutMs} ms`
          : `cannot reach ${settings.botUrl}${cause ? ` (${cause})` : ''}`,
    };
  }
}

const retryable = (a: Attempt) => 'failure' in a || a.status >= 500 || a.status === 429;

// Asks the gate, retrying what may pass (no answer, 5xx, 429) a bounded number of times, and turns
// the answer into an exit code. Only an unreachable bot is subject to --fail-open/--fail-closed: a
// refused token or bad parameters is a broken pipeline and always exits 2.
export async function checkGate(
  settings: GateCliSettings,
  check: GateCheck,
  policy: CheckPolicy,
  io: CheckIo,
): Promise<number> {
  const target = `${check.service}@${check.version} to ${check.environment}`;
  let last: Attempt = { failure: 'not asked' };
  for (let attempt = 1; attempt <= policy.attempts; attempt++) {
    last = await ask(settings, check, policy.timeoutMs);
    if (!retryable(last)) break;
    if (attempt < policy.attempts) {
      const wait = ('retryAfterMs' in last && last.retryAfterMs) || 500 * 2 ** (attempt - 1);
      io.print(
        `incident-gate: attempt ${attempt} failed (${'failure' in last ? last.failure : `HTTP ${last.status}`}); retrying in ${wait} ms`,
      );
      await io.sleep(wait);
    }
  }
  if (!retryable(last) && !('failure' in last)) {
    if (last.status === 200) {
      const exception = last.body.exception as { version?: string; expiresAt?: string } | undefined;
      io.print(
        `incident-gate: deploy allowed: ${target}${exception ? ` (break-glass exception for ${exception.version} until ${exception.expiresAt})` : ''}`,
      );
      return EXIT.allowed;
    }
    if (last.status === 423) {
      io.print(`incident-gate: deploy FROZEN: ${target}`);
      io.print(`  ${String(last.body.reason ?? 'deploys are frozen')}`);
      if (last.body.exceptionHint) io.print(`  ${String(last.body.exceptionHint)}`);
      return EXIT.frozen;
    }
    io.print(`incident-gate: the bot refused the check (HTTP ${last.status}): ${String(last.body.message ?? '')}`);
    return EXIT.undecided;
  }
  const why = 'failure' in last ? last.failure : `HTTP ${last.status}`;
  if (policy.onUnreachable === 'open') {
    io.print(`incident-gate: cannot decide (${why}); --fail-open: allowing ${target}`);
    return EXIT.allowed;
  }
  if (policy.onUnreachable === 'closed') {
    io.print(`incident-gate: cannot decide (${why}); --fail-closed: blocking ${target}`);
    return EXIT.frozen;
  }
  io.print(`incident-gate: cannot decide (${why}) after ${policy.attempts} attempts`);
  return EXIT.undecided;
}
