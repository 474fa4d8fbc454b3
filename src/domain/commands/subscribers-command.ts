import type { StatusComponents } from './command-context.ts';
import { componentProblem } from './statuspage-command.ts';

export type SubscribersCommand =
  | { name: 'subscribers_add_webhook'; url: string; components: string[] }
  | { name: 'subscribers_remove'; id: string }
  | { name: 'subscribers_list' }
  | { name: 'subscribers_forget'; email: string };

type Result = { ok: true; command: SubscribersCommand } | { ok: false; problem: string; topic: 'subscribers' };

// Slack may send a link or an address wrapped: `<https://…|label>`, `<mailto:a@b.c|a@b.c>`.
const unwrapped = (text: string) => {
  const m = /^<(?:mailto:)?([^|>]+)(?:\|[^>]*)?>$/.exec(text);
  return m ? m[1]! : text;
};

// `/incident subscribers add-webhook <url> [--components a,b] | remove <id> | list | forget <email>`
export function parseSubscribersCommand(sub: string, rest: string[], components: StatusComponents): Result | null {
  if (sub !== 'subscribers') return null;
  const fail = (problem: string): Result => ({ ok: false, problem, topic: 'subscribers' });
  const [action, ...args] = rest;
  switch (action?.toLowerCase()) {
    case 'list':
      return args.length
        ? fail('`subscribers list` takes nothing more.')
        : { ok: true, command: { name: 'subscribers_list' } };
    case 'add-webhook': {
      const [url, ...options] = args;
      if (!url) return fail('Which URL? `subscribers add-webhook https://hooks.example.com/status`.');
      let selected: string[] = [];
      if (options.length) {
        const value =
          options[0]?.toLowerCase() === '--components' ? options[1] : options[0]?.match(/^--components=(.*)$/i)?.[1];
        if (value === undefined || options.length > (options[0]!.includes('=') ? 1 : 2))
          return fail('After the URL, only `--components api,db`.');
        selected = [
          ...new Set(
            value
              .split(',')
              .map((c) => c.trim().toLowerCase())
              .filter(Boolean),
          ),
        ];
        const problem = selected.map((c) => componentProblem(c, components)).find((p) => p !== null);
        if (problem) return fail(problem);
      }
      return { ok: true, command: { name: 'subscribers_add_webhook', url: unwrapped(url), components: selected } };
    }
    case 'remove':
      return args.length === 1
        ? { ok: true, command: { name: 'subscribers_remove', id: args[0]! } }
        : fail('Which one? `subscribers remove <id>` (ids are in `subscribers list`).');
    case 'forget':
      return args.length === 1
        ? { ok: true, command: { name: 'subscribers_forget', email: unwrapped(args[0]!) } }
        : fail('Whose address? `subscribers forget someone@example.com`.');
    default:
      return fail(action ? `\`subscribers ${action}\` is not a subscribers command.` : 'What about subscribers?');
  }
}
