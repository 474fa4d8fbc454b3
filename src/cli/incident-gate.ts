import { parseIncidentNumber } from '../domain/incident.ts';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { loadGateCliSettings, loadReadCliSettings } from '../config/gate-cli.ts';
import { parseDuration } from '../domain/duration.ts';
import { checkGate, EXIT, type CheckPolicy } from './gate-check.ts';

const USAGE = `Usage: incident-gate check --service S --env E --version V [--fail-open | --fail-closed] [--timeout 5s] [--attempts 3]
       incident-gate deployed --service S --env E --version V --status started|succeeded|failed|rolled_back [--url U] [--key K]
       incident-gate postmortem <incident number>   (prints the postmortem draft; reads INCIDENT_API_TOKEN)

Asks the incident bot's deploy gate whether this deploy may go out.
Reads INCIDENT_BOT_URL and DEPLOY_GATE_TOKEN from the environment.
Exit codes: 0 allowed, 1 frozen, 2 cannot decide (with --fail-open an unreachable bot means 0, with --fail-closed 1).`;

const OPTIONS = {
  service: { type: 'string' },
  env: { type: 'string' },
  environment: { type: 'string' },
  version: { type: 'string' },
  'fail-open': { type: 'boolean', default: false },
  'fail-closed': { type: 'boolean', default: false },
  timeout: { type: 'string', default: '5s' },
  attempts: { type: 'string', default: '3' },
  status: { type: 'string' },
  url: { type: 'string' },
  key: { type: 'string' },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

const parseGateArgs = (args: string[]) => parseArgs({ args, allowPositionals: true, options: OPTIONS });

// Entry point: arguments and environment in, an exit code out.
export async function main(argv: string[], env: NodeJS.ProcessEnv, print: (line: string) => void): Promise<number> {
  let parsed: ReturnType<typeof parseGateArgs>;
  try {
    parsed = parseGateArgs(argv);
  } catch (error) {
    print(`incident-gate: ${(error as Error).message}\n\n${USAGE}`);
    return EXIT.undecided;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    print(USAGE);
    return EXIT.allowed;
  }
  if (positionals[0] === 'postmortem') return printPostmortem(positionals.slice(1), env, print);
  if (positionals[0] === 'deployed') return reportDeploy(values, env, print);
  const environment = values.env ?? values.environment;
  const problems = [
    ...(positionals[0] !== 'check' || positionals.length !== 1 ? ['the command is `incident-gate check`'] : []),
    ...(!values.service ? ['--service is required'] : []),
    ...(!environment ? ['--env is required'] : []),
    ...(!values.version ? ['--version is required'] : []),
    ...(values['fail-open'] && values['fail-closed'] ? ['choose one of --fail-open and --fail-closed'] : []),
  ];
  const timeoutMs =
    parseDuration(values.timeout) ?? (/^\d+$/.test(values.timeout) ? Number(values.timeout) * 1_000 : null);
  if (!timeoutMs || timeoutMs > 120_000) problems.push('--timeout must be a duration up to 2m, like 5s');
  const attempts = Number(values.attempts);
  if (!Number.isInteger(attempts) || attempts < 1 || attempts > 10) problems.push('--attempts must be 1 to 10');
  const settings = loadGateCliSettings(env);
  if (!settings.ok) problems.push(...settings.problems);
  if (problems.length || !settings.ok) {
    print(`incident-gate: ${problems.join('; ')}\n\n${USAGE}`);
    return EXIT.undecided;
  }
  const policy: CheckPolicy = {
    onUnreachable: values['fail-open'] ? 'open' : values['fail-closed'] ? 'closed' : 'undecided',
    timeoutMs: timeoutMs!,
    attempts,
  };
  return checkGate(
    settings.settings,
    { service: values.service!, environment: environment!, version: values.version! },
    policy,
    { print, sleep: (ms) => sleep(ms) },
  );
}

// The postmortem draft as Markdown on stdout (GET /api/v1/incidents/:n/postmortem.md).
async function printPostmortem(args: string[], env: NodeJS.ProcessEnv, print: (line: string) => void): Promise<number> {
  const number = parseIncidentNumber(args[0] ?? '');
  const settings = loadReadCliSettings(env);
  if (number === null || args.length !== 1 || !settings.ok) {
    print(
      `incident-gate: ${[number === null || args.length !== 1 ? 'give one incident number, e.g. `incident-gate postmortem 42`' : null, ...(settings.ok ? [] : settings.problems)].filter(Boolean).join('; ')}`,
    );
    return EXIT.undecided;
  }
  try {
    const res = await fetch(new URL(`/api/v1/incidents/${number}/postmortem.md`, settings.settings.botUrl), {
      headers: { authorization: `Bearer ${settings.settings.token}` },
      signal: AbortSignal.timeout(30_000),
    });
    const body = await res.text();
    if (!res.ok) {
      print(`incident-gate: HTTP ${res.status}: ${body.slice(0, 300)}`);
      return EXIT.undecided;
    }
    print(body.trimEnd());
    return EXIT.allowed;
  } catch (error) {
    print(`incident-gate: cannot reach ${settings.settings.botUrl}: ${(error as Error).message}`);
    return EXIT.undecided;
  }
}

// `incident-gate deployed …`: reports a deploy (POST /api/v1/deploys) so the bot can show it beside
// incidents. 0 when recorded (or a repeat, or a service the bot does not know), 2 otherwise: a
// pipeline decides whether that fails its run.
async function reportDeploy(
  values: ReturnType<typeof parseGateArgs>['values'],
  env: NodeJS.ProcessEnv,
  print: (line: string) => void,
): Promise<number> {
  const environment = values.env ?? values.environment;
  const settings = loadGateCliSettings(env);
  const problems = [
    ...(!values.service ? ['--service is required'] : []),
    ...(!environment ? ['--env is required'] : []),
    ...(!values.version ? ['--version is required'] : []),
    ...(!values.status ? ['--status is required (started, succeeded, failed or rolled_back)'] : []),
    ...(settings.ok ? [] : settings.problems),
  ];
  if (problems.length || !settings.ok) {
    print(`incident-gate: ${problems.join('; ')}\n\n${USAGE}`);
    return EXIT.undecided;
  }
  const report = {
    service: values.service,
    environment,
    version: values.version,
    status: values.status,
    ...(values.url ? { url: values.url } : {}),
    ...(values.key ? { key: values.key } : {}),
  };
  try {
    const res = await fetch(new URL('/api/v1/deploys', settings.settings.botUrl), {
      method: 'POST',
      headers: { authorization: `Bearer ${settings.settings.token}`, 'content-type': 'application/json' },
      body: JSON.stringify(report),
      signal: AbortSignal.timeout(10_000),
    });
    const body = await res.text();
    if (!res.ok) {
      print(`incident-gate: HTTP ${res.status}: ${body.slice(0, 300)}`);
      return EXIT.undecided;
    }
    print(res.status === 202 ? `not recorded: ${body}` : `recorded: ${body}`);
    return EXIT.allowed;
  } catch (error) {
    print(`incident-gate: cannot reach ${settings.settings.botUrl}: ${(error as Error).message}`);
    return EXIT.undecided;
  }
}
