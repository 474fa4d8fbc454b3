import { timingSafeEqual } from 'node:crypto';
import type http from 'node:http';

// Compares in constant time so response timing does not reveal how much of a token was right.
export function matchesToken(candidate: string, token: string): boolean {
  const a = Buffer.from(candidate);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function bearerToken(req: http.IncomingMessage): string | null {
  const header = req.headers.authorization ?? '';
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  return match ? match[1]! : null;
}

// The index of the configured token presented, or -1.
export function findToken(req: http.IncomingMessage, tokens: readonly string[]): number {
  const presented = bearerToken(req);
  if (!presented) return -1;
  let found = -1;
  // Every token is compared, whatever matched, to keep the timing flat.
  tokens.forEach((token, i) => {
    if (matchesToken(presented, token) && found === -1) found = i;
  });
  return found;
}
