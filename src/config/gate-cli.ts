import { z } from 'zod';
import { withoutEmptyValues } from './env.ts';

export type GateCliSettings = { botUrl: string; token: string };
type Loaded = { ok: true; settings: GateCliSettings } | { ok: false; problems: string[] };

const ZSettings = z.object({ botUrl: z.url({ protocol: /^https?$/ }), token: z.string().min(1) });

// What the `incident-gate` CLI reads from the pipeline's environment (SPEC.md): the bot's URL and
// a token, DEPLOY_GATE_TOKEN for `check`, INCIDENT_API_TOKEN (one of API_TOKENS) for `postmortem`.
function load(source: NodeJS.ProcessEnv, tokenName: 'DEPLOY_GATE_TOKEN' | 'INCIDENT_API_TOKEN'): Loaded {
  const env = withoutEmptyValues(source);
  const parsed = ZSettings.safeParse({ botUrl: env.INCIDENT_BOT_URL, token: env[tokenName] });
  if (parsed.success) return { ok: true, settings: parsed.data };
  const variable = (key: PropertyKey | undefined) => (key === 'botUrl' ? 'INCIDENT_BOT_URL' : tokenName);
  return {
    ok: false,
    problems: parsed.error.issues.map(
      (i) => `${variable(i.path[0])}: ${i.code === 'invalid_type' ? 'is required but not set' : i.message}`,
    ),
  };
}

export const loadGateCliSettings = (source: NodeJS.ProcessEnv) => load(source, 'DEPLOY_GATE_TOKEN');

export const loadReadCliSettings = (source: NodeJS.ProcessEnv) => load(source, 'INCIDENT_API_TOKEN');
