import { timingSafeEqual } from 'node:crypto';

// Compares in constant time so response timing does not reveal how much of a token was right.
export function matchesToken(candidate: string, token: string): boolean {
  const a = Buffer.from(candidate);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function bearerToken(authorization: string | undefined): string | null {
  const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
  return match ? match[1]! : null;
}

// The index of the configured token presented in an Authorization header, or -1.
export function findToken(authorization: string | undefined, tokens: readonly string[]): number {
  const presented = bearerToken(authorization);
  if (!presented) return -1;
  let found = -1;
  // Every token is compared, whatever matched, to keep the timing flat.
  tokens.forEach((token, i) => {
    if (matchesToken(presented, token) && found === -1) found = i;
  });
  return found;
}
