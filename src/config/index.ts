import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import { slackModeProblem, ZEnv, withoutEmptyValues, type Env } from './env.ts';
import { ZConfigFile, type ConfigFile } from './file.ts';

export type Config = Env & {
  file: ConfigFile;
  slackMode: 'socket' | 'http';
  deployGateTokens: { name: string; token: string }[];
  apiTokens: string[];
  metricsTokens: string[];
};

export type ConfigResult = { ok: true; config: Config } | { ok: false; problems: string[] };

function describe(issues: z.core.$ZodIssue[], where: (path: PropertyKey[]) => string): string[] {
  return issues.map((issue) => {
    const missing = issue.code === 'invalid_type' && issue.message.includes('received undefined');
    return `${where(issue.path)}: ${missing ? 'is required but not set' : issue.message}`;
  });
}

// `name:token` names the pipeline in the record; a bare token is named after its position.
export function parseTokenList(value: string | undefined): { name: string; token: string }[] {
  return (value ?? '')
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part, i) => {
      const colon = part.indexOf(':');
      return colon > 0
        ? { name: part.slice(0, colon), token: part.slice(colon + 1) }
        : { name: `token-${i + 1}`, token: part };
    });
}

function readConfigFile(path: string | undefined): { ok: true; file: ConfigFile } | { ok: false; problems: string[] } {
  let raw: unknown = {};
  if (path) {
    try {
      raw = parseYaml(readFileSync(path, 'utf8')) ?? {};
    } catch (error) {
      const reason =
        (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : (error as Error).message.split('\n')[0];
      return { ok: false, problems: [`INCIDENT_CONFIG (${path}): ${reason}`] };
    }
  }
  const parsed = ZConfigFile.safeParse(raw);
  if (parsed.success) return { ok: true, file: parsed.data };
  return {
    ok: false,
    problems: describe(parsed.error.issues, (p) => `${path ?? 'configuration'}: ${p.join('.') || '(top level)'}`),
  };
}

// Reads everything once; the result is passed down, nothing else reads process.env.
export function loadConfig(source: NodeJS.ProcessEnv): ConfigResult {
  const raw = withoutEmptyValues(source);
  const env = ZEnv.safeParse(raw);
  const file = readConfigFile(raw.INCIDENT_CONFIG);
  const modeProblem = slackModeProblem(raw);
  const problems = [
    ...(env.success ? [] : describe(env.error.issues, (p) => String(p[0] ?? 'environment'))),
    ...(modeProblem ? [modeProblem] : []),
    ...(file.ok ? [] : file.problems),
  ];
  const mailProblem = env.success && !!env.data.SMTP_URL !== !!env.data.MAIL_FROM;
  if (mailProblem) problems.push('SMTP_URL and MAIL_FROM: set both for email subscriptions, or neither');
  if (!env.success || !file.ok || modeProblem || mailProblem) return { ok: false, problems };
  return {
    ok: true,
    config: {
      ...env.data,
      file: file.file,
      slackMode: env.data.SLACK_APP_TOKEN ? 'socket' : 'http',
      deployGateTokens: parseTokenList(env.data.DEPLOY_GATE_TOKENS),
      apiTokens: parseTokenList(env.data.API_TOKENS).map((t) => t.token),
      metricsTokens: parseTokenList(env.data.METRICS_TOKENS).map((t) => t.token),
    },
  };
}

export function formatConfigProblems(problems: string[]): string {
  return [
    'incident-bot cannot start: the configuration has problems.',
    ...problems.map((p) => `  - ${p}`),
    'Set these in the environment (or the file named by INCIDENT_CONFIG); README.md "Configuration" lists every setting.',
  ].join('\n');
}

// Just the database settings, for `npm run db:migrate`, which must work before Slack is set up.
export function loadDatabaseSettings(
  source: NodeJS.ProcessEnv,
): { ok: true; databaseUrl?: string; dataDir: string } | { ok: false; problems: string[] } {
  const parsed = ZEnv.pick({ DATABASE_URL: true, DATA_DIR: true }).safeParse(withoutEmptyValues(source));
  if (!parsed.success) return { ok: false, problems: describe(parsed.error.issues, (p) => String(p[0])) };
  return { ok: true, databaseUrl: parsed.data.DATABASE_URL, dataDir: parsed.data.DATA_DIR };
}
