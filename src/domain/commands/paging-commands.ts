import { parseUserMention } from './lifecycle.ts';
import { tooLong } from './limits.ts';

export type PagingCommand =
  | { name: 'page'; service: string | null; userId: string | null; message: string }
  | { name: 'oncall' };

type Result = { ok: true; command: PagingCommand } | { ok: false; problem: string; topic: string };

// `/incident page <service or @user> [message]` and `/incident oncall`.
export function parsePagingCommand(sub: string, words: string[], services: readonly string[]): Result | null {
  if (sub === 'oncall')
    return words.length
      ? { ok: false, problem: '`/incident oncall` takes no arguments.', topic: 'oncall' }
      : { ok: true, command: { name: 'oncall' } };
  if (sub !== 'page') return null;
  const [target, ...rest] = words;
  const userId = parseUserMention(target);
  const service = !userId && target ? target.toLowerCase() : null;
  if (!userId && (!service || !services.includes(service))) {
    return {
      ok: false,
      problem: `Say whom to page: a service (${services.join(', ') || 'none configured'}) or an @person.`,
      topic: 'page',
    };
  }
  const message = rest.join(' ').trim();
  const long = tooLong('short', message, 'The message');
  if (long) return { ok: false, problem: long, topic: 'page' };
  return { ok: true, command: { name: 'page', service, userId, message } };
}
