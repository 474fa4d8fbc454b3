// Whether an error says the database could not be reached or answer (refused, reset, timed out,
// shutting down), as opposed to a query that is wrong: the first is a 503 and "try again".
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH']);
// PostgreSQL's SQLSTATE classes 08 (connection exception) and 57 (operator intervention:
// shutdown, cancelled by statement_timeout), and 53 (insufficient resources).
const SQLSTATE = /^(08|57|53)/;
// Prisma's own: P1xxx (cannot reach, timed out, closed), P2024 (no connection from the pool in
// time), P2028 (a transaction that could not start or timed out).
const PRISMA_CODE = /^(P1\d{3}|P2024|P2028)$/;
const WORDING = /reach|connect|connection|timed out|timeout|terminat|shutting down|Unable to start a transaction/i;

export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== 'object' || depth > 5) return false;
  const e = error as { code?: unknown; name?: unknown; message?: unknown; cause?: unknown };
  if (typeof e.code === 'string' && (NETWORK_CODES.has(e.code) || SQLSTATE.test(e.code) || PRISMA_CODE.test(e.code)))
    return true;
  const prismaish = typeof e.name === 'string' && /Prisma|DriverAdapter/.test(e.name);
  if (prismaish && typeof e.message === 'string' && WORDING.test(e.message)) return true;
  return isDatabaseUnavailable(e.cause, depth + 1);
}
