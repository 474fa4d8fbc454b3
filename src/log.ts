import { pino, type Logger } from 'pino';

export type { Logger };

// Anything that can carry a credential is redacted, wherever it sits in a log object.
const REDACT = [
  'token',
  '*.token',
  'authorization',
  '*.authorization',
  'headers.authorization',
  '*.headers.authorization',
  'signingSecret',
  '*.signingSecret',
  'apiKey',
  '*.apiKey',
  'secret',
  '*.secret',
  'password',
  '*.password',
  'SLACK_BOT_TOKEN',
  'SLACK_APP_TOKEN',
  'SLACK_SIGNING_SECRET',
  'LINEAR_API_KEY',
  'PAGERDUTY_TOKEN',
  'DATABASE_URL',
  '*.DATABASE_URL',
  'DEPLOY_GATE_TOKENS',
  'API_TOKENS',
  'METRICS_TOKENS',
];

export function createLogger(level: string, destination?: NodeJS.WritableStream): Logger {
  return pino(
    { level, base: { app: 'incident-bot' }, redact: { paths: REDACT, censor: '[redacted]' } },
    destination as never,
  );
}

// Token-shaped strings inside free text (error messages from SDKs) are masked too.
export function maskSecrets(text: string): string {
  return text
    .replace(/\bxox[abposr]-[A-Za-z0-9-]+/g, 'xox?-[redacted]')
    .replace(/\bxapp-[A-Za-z0-9-]+/g, 'xapp-[redacted]')
    .replace(/\blin_api_[A-Za-z0-9]+/g, 'lin_api_[redacted]')
    .replace(/(postgres(?:ql)?:\/\/[^:/@\s]+:)[^@\s]+@/g, '$1[redacted]@');
}
