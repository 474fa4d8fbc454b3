import { z } from 'zod';

const ZUrl = z.url({ protocol: /^https?$/ });

// Settings the operator gives through the environment (SPEC.md "Interfaces that stay stable").
export const ZEnv = z.object({
  SLACK_BOT_TOKEN: z.string().regex(/^xoxb-/, 'must be a bot token starting with xoxb-'),
  SLACK_SIGNING_SECRET: z.string().min(1).optional(),
  SLACK_APP_TOKEN: z
    .string()
    .regex(/^xapp-/, 'must be an app-level token starting with xapp-')
    .optional(),
  SLACK_API_URL: ZUrl.default('https://slack.com/api/'),
  SLACK_TEAM_ID: z
    .string()
    .regex(/^T[A-Z0-9]+$/, 'must be a team id like T0123ABC')
    .optional(),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgresql:// URL')
    .optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  INCIDENT_CONFIG: z.string().min(1).optional(),
  // The bot's address as users reach it (links, cookies): scheme, host and port, no path.
  PUBLIC_URL: ZUrl.refine((u) => {
    if (!URL.canParse(u)) return true; // the URL check above reports it
    const parsed = new URL(u);
    return (parsed.pathname === '/' || parsed.pathname === '') && !parsed.search && !parsed.hash;
  }, 'must be an address without a path, like https://incidents.example.com')
    .transform((u) => u.replace(/\/$/, ''))
    .optional(),
  LINEAR_API_KEY: z.string().min(1).optional(),
  LINEAR_API_URL: ZUrl.default('https://api.linear.app/graphql'),
  LINEAR_WEBHOOK_SECRET: z.string().min(1).optional(),
  PAGERDUTY_TOKEN: z.string().min(1).optional(),
  PAGERDUTY_API_URL: ZUrl.default('https://api.pagerduty.com'),
  PAGERDUTY_FROM_EMAIL: z.email().optional(),
  PAGERDUTY_WEBHOOK_SECRET: z.string().min(1).optional(),
  DEPLOY_GATE_TOKENS: z.string().optional(),
  // Verifies GitHub `deployment_status` webhooks (SPEC.md "Changes").
  GITHUB_WEBHOOK_SECRET: z.string().min(1).optional(),
  API_TOKENS: z.string().optional(),
  // Bearer tokens for GET /metrics (Prometheus); without any, /metrics answers 401.
  METRICS_TOKENS: z.string().optional(),
  // Status page email subscriptions (SPEC.md "Subscribers"): unset, the page has no form.
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\/[^\s]+$/, 'must be an smtp:// or smtps:// URL, like smtp://user:pass@mail.example.com:587')
    .optional(),
  MAIL_FROM: z.string().min(3).optional(),
  // How long a claimed job stays with a worker that stopped answering before another takes it over.
  JOB_LEASE_SECONDS: z.coerce.number().int().min(5).max(3_600).default(60),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type Env = z.infer<typeof ZEnv>;

// Checked apart from the schema so it is reported even when other settings are missing too.
export function slackModeProblem(env: Record<string, string>): string | null {
  if (env.SLACK_APP_TOKEN || env.SLACK_SIGNING_SECRET) return null;
  return 'SLACK_SIGNING_SECRET: set SLACK_APP_TOKEN (xapp-..., Socket Mode) or SLACK_SIGNING_SECRET (HTTP mode); both are on the Slack app\'s "Basic Information" page';
}

// Unset and empty mean the same thing: an operator who writes `LINEAR_API_KEY=` wants it off.
export function withoutEmptyValues(source: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(Object.entries(source).filter((e): e is [string, string] => !!e[1]));
}
