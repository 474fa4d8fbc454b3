import type { CauseTarget } from '../changes.ts';

export type CauseCommand = { name: 'cause'; target: CauseTarget };

type Result = { ok: true; command: CauseCommand } | { ok: false; problem: string; topic: 'cause' };

// `/incident cause <service>@<version> [--env E]` or `/incident cause none`.
export function parseCauseCommand(sub: string, rest: string[]): Result | null {
  if (sub !== 'cause') return null;
  const fail = (problem: string): Result => ({ ok: false, problem, topic: 'cause' });
  if (rest.length === 1 && rest[0]!.toLowerCase() === 'none')
    return { ok: true, command: { name: 'cause', target: null } };
  const [named, ...options] = rest;
  const m = /^([a-z0-9][a-z0-9_.-]{0,63})@([A-Za-z0-9][A-Za-z0-9._+-]{0,127})$/i.exec(named ?? '');
  if (!m) return fail('Name the deploy: `/incident cause api@4f2a9c1` (or `cause none`).');
  let environment: string | null = null;
  if (options.length) {
    const value = options[0]!.toLowerCase() === '--env' ? options[1] : /^--env=(.+)$/i.exec(options[0]!)?.[1];
    if (!value || options.length > (options[0]!.includes('=') ? 1 : 2))
      return fail('After the deploy, only `--env production`.');
    environment = value.toLowerCase();
  }
  return {
    ok: true,
    command: { name: 'cause', target: { service: m[1]!.toLowerCase(), version: m[2]!, environment } },
  };
}
