import { parseDuration } from '../duration.ts';
import { exceptionVersionProblem } from '../freeze.ts';
import { splitFlags } from './tokenize.ts';
import { tooLong } from './limits.ts';
import { serviceNamesProblem } from './service-names.ts';

export type FreezeCommand =
  // services null: the incident's services (all services when it names none, or with --global).
  | {
      name: 'freeze';
      services: string[] | null;
      environments: string[];
      forMs: number | null;
      reason: string;
      global: boolean;
    }
  | { name: 'unfreeze'; services: string[] | null; global: boolean }
  | { name: 'freeze_allow'; service: string; version: string; reason: string; forMs: number | null; global: boolean }
  | { name: 'freeze_revoke'; service: string; version: string; global: boolean };

type Result = { ok: true; command: FreezeCommand } | { ok: false; problem: string; topic: string };

const MAX_FREEZE_MS = 30 * 86_400_000;
const ENVIRONMENT = /^[a-z0-9][a-z0-9_.-]{0,63}$/;

const no = (problem: string, topic: string): Result => ({ ok: false, problem, topic });

function list(value: string | true | undefined): string[] | null {
  if (value === undefined || value === true) return null;
  return [
    ...new Set(
      value
        .split(',')
        .map((s) => s.trim().toLowerCase())
        .filter(Boolean),
    ),
  ];
}

function duration(value: string | true | undefined, topic: string): number | null | Result {
  if (value === undefined) return null;
  const ms = parseDuration(String(value));
  if (ms === null) return no(`\`--for ${value}\` is not a duration: use 30m, 2h or 1d.`, topic);
  if (ms > MAX_FREEZE_MS) return no('`--for` can be at most 30d.', topic);
  return ms;
}

// `/incident freeze ...`, `/incident freeze allow ...` and `/incident unfreeze ...`; `words` are the
// tokens after the subcommand.
export function parseFreezeCommand(sub: string, words: string[], services: readonly string[]): Result | null {
  if (sub === 'freeze' && words[0]?.toLowerCase() === 'allow') return parseAllow(words.slice(1), services);
  if (sub === 'freeze' && words[0]?.toLowerCase() === 'revoke') return parseRevoke(words.slice(1));
  if (sub !== 'freeze' && sub !== 'unfreeze') return null;
  const split = splitFlags(words, new Set(['global']));
  if ('error' in split) return no(split.error, sub);
  const allowed = sub === 'freeze' ? ['services', 'env', 'for', 'global'] : ['services', 'global'];
  const unknownFlag = [...split.flags.keys()].find((f) => !allowed.includes(f));
  if (unknownFlag) return no(`\`--${unknownFlag}\` is not an option of ${sub}.`, sub);
  const named = list(split.flags.get('services'));
  if (split.flags.get('services') === true || (named && !named.length))
    return no('Name the services: `--services api,web`.', sub);
  const problem = named && serviceNamesProblem(named, services);
  if (problem) return no(problem, sub);
  const global = split.flags.has('global');
  if (sub === 'unfreeze') {
    if (split.words.length) return no('`/incident unfreeze` takes only `--services` and `--global`.', sub);
    return { ok: true, command: { name: 'unfreeze', services: named, global } };
  }
  const environments = list(split.flags.get('env')) ?? [];
  const badEnv = environments.find((e) => !ENVIRONMENT.test(e));
  if (badEnv) return no(`\`${badEnv}\` is not an environment name (letters, digits, - _ .).`, sub);
  const forMs = duration(split.flags.get('for'), sub);
  if (typeof forMs === 'object' && forMs) return forMs;
  const reason = split.words.join(' ').trim();
  const long = tooLong('short', reason, 'The reason');
  if (long) return no(long, sub);
  return {
    ok: true,
    command: { name: 'freeze', services: named, environments, forMs: forMs as number | null, reason, global },
  };
}

function serviceAtVersion(target: string | undefined): { service: string; version: string } | null {
  const at = target?.lastIndexOf('@') ?? -1;
  if (!target || at < 1 || at === target.length - 1) return null;
  return { service: target.slice(0, at).toLowerCase(), version: target.slice(at + 1) };
}

// `/incident freeze revoke api@abc1234 [--global]`: ends an exception before it expires.
function parseRevoke(words: string[]): Result {
  const split = splitFlags(words, new Set(['global']));
  if ('error' in split) return no(split.error, 'freeze');
  const target = serviceAtVersion(split.words[0]);
  if (!target || split.words.length !== 1 || [...split.flags.keys()].some((f) => f !== 'global'))
    return no('Name the exception: `/incident freeze revoke api@abc1234`.', 'freeze');
  return { ok: true, command: { name: 'freeze_revoke', ...target, global: split.flags.has('global') } };
}

function parseAllow(words: string[], services: readonly string[]): Result {
  const topic = 'freeze';
  const split = splitFlags(words, new Set(['global']));
  if ('error' in split) return no(split.error, topic);
  const unknownFlag = [...split.flags.keys()].find((f) => f !== 'for' && f !== 'global');
  if (unknownFlag) return no(`\`--${unknownFlag}\` is not an option of freeze allow.`, topic);
  const [target, ...reasonWords] = split.words;
  const named = serviceAtVersion(target);
  if (!named) return no('Name the service and version: `/incident freeze allow api@abc1234 <why>`.', topic);
  const { service, version } = named;
  const problem = serviceNamesProblem([service], services) ?? exceptionVersionProblem(version);
  if (problem) return no(problem, topic);
  const reason = reasonWords.join(' ').trim();
  if (!reason)
    return no(
      `Say why ${service}@${version} must go out during the freeze: \`/incident freeze allow ${target} the fix for the 500s\`.`,
      topic,
    );
  const tooLongReason = tooLong('short', reason, 'The reason');
  if (tooLongReason) return no(tooLongReason, topic);
  const forMs = duration(split.flags.get('for'), topic);
  if (typeof forMs === 'object' && forMs) return forMs;
  return {
    ok: true,
    command: {
      name: 'freeze_allow',
      service,
      version,
      reason,
      forMs: forMs as number | null,
      global: split.flags.has('global'),
    },
  };
}
