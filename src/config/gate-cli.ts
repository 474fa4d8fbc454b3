import { z } from 'zod';
import { withoutEmptyValues } from './env.ts';

// What the `incident-gate` CLI reads from the pipeline's environment (SPEC.md).
const ZGateCliEnv = z.object({
  INCIDENT_BOT_URL: z.url({ protocol: /^https?$/ }),
  DEPLOY_GATE_TOKEN: z.string().min(1),
});

export type GateCliSettings = { botUrl: string; token: string };

export function loadGateCliSettings(source: NodeJS.ProcessEnv): { ok: true; settings: GateCliSettings } | { ok: false; problems: string[] } {
  const parsed = ZGateCliEnv.safeParse(withoutEmptyValues(source));
  if (!parsed.success) {
    return { ok: false, problems: parsed.error.issues.map((i) => `${String(i.path[0])}: ${i.code === 'invalid_type' ? 'is required but not set' : i.message}`) };
  }
  return { ok: true, settings: { botUrl: parsed.data.INCIDENT_BOT_URL, token: parsed.data.DEPLOY_GATE_TOKEN } };
}

// `incident-gate postmortem <n>` reads the API instead: a token from the bot's API_TOKENS.
const ZReadCliEnv = z.object({ INCIDENT_BOT_URL: z.url({ protocol: /^https?$/ }), INCIDENT_API_TOKEN: z.string().min(1) });

export function loadReadCliSettings(source: NodeJS.ProcessEnv): { ok: true; settings: GateCliSettings } | { ok: false; problems: string[] } {
  const parsed = ZReadCliEnv.safeParse(withoutEmptyValues(source));
  if (!parsed.success) {
    return { ok: false, problems: parsed.error.issues.map((i) => `${String(i.path[0])}: ${i.code === 'invalid_type' ? 'is required but not set' : i.message}`) };
  }
  return { ok: true, settings: { botUrl: parsed.data.INCIDENT_BOT_URL, token: parsed.data.INCIDENT_API_TOKEN } };
}
