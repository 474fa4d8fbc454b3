import { z } from 'zod';
import { parseCidr } from '../domain/cidr.ts';
import { parseDuration } from '../domain/duration.ts';

const ZDuration = z
  .string()
  .refine((v) => parseDuration(v) !== null, 'must be a duration like 30m, 2h or 1d')
  .transform((v) => parseDuration(v)!);

const ZPrincipals = z.array(z.string().min(1));

export const ZSeverityLevel = z.object({
  // Short: it is a button's and a menu option's text in Slack.
  id: z
    .string()
    .max(24)
    .regex(/^[A-Za-z0-9_-]+$/, 'must be a word like SEV1'),
  description: z.string().min(1),
  page: z.boolean().default(false),
  freeze: z.boolean().default(false),
  prompt_every: ZDuration.optional(),
  nudge_every: ZDuration.optional(),
  // PagerDuty urgency of the pages this level sends.
  urgency: z.enum(['high', 'low']).default('high'),
});

export const ZService = z.object({
  // At most 64: it is a Slack menu option's value (150) and part of a channel name (80).
  id: z
    .string()
    .max(64)
    .regex(/^[a-z0-9][a-z0-9_-]*$/, 'must be lowercase letters, digits, - or _'),
  // Also its name on the status page.
  name: z.string().min(1).max(100).optional(),
  // Status page group; `status_page: false` keeps it off the page.
  group: z.string().min(1).max(100).optional(),
  status_page: z.boolean().default(true),
  responders: ZPrincipals.default([]),
  pagerduty: z.object({ service_id: z.string().min(1), escalation_policy_id: z.string().min(1) }).optional(),
  linear_team: z.string().min(1).optional(),
  // GitHub repositories (owner/name) whose deployments are this service's.
  repos: z.array(z.string().regex(/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/, 'must be owner/name')).default([]),
});

export const DEFAULT_SEVERITIES: z.input<typeof ZSeverityLevel>[] = [
  {
    id: 'SEV0',
    description: 'Critical: service down for most customers, or data loss',
    page: true,
    freeze: true,
    prompt_every: '15m',
    nudge_every: '15m',
  },
  {
    id: 'SEV1',
    description: 'Major: a core feature is down or badly degraded for many customers',
    page: true,
    freeze: true,
    prompt_every: '30m',
    nudge_every: '30m',
  },
  {
    id: 'SEV2',
    description: 'Significant: a feature is degraded, or a few customers are affected',
    page: false,
    freeze: false,
    prompt_every: '1h',
    nudge_every: '1h',
  },
  { id: 'SEV3', description: 'Minor: limited impact, with a workaround', prompt_every: '4h', nudge_every: '4h' },
  { id: 'SEV4', description: 'Low: no customer impact yet; worth tracking' },
];

// The YAML file of SPEC.md "Configuration file"; every key is optional and defaulted.
export const ZConfigFile = z
  .object({
    announcements_channel: z.string().min(1).optional(),
    timeline_reaction: z
      .string()
      .regex(/^[a-z0-9_+-]+$/, 'must be a reaction name without colons')
      .default('pushpin'),
    // prefault, not default: the built-in levels go through the schema (their durations become ms).
    severities: z.array(ZSeverityLevel).min(1).prefault(DEFAULT_SEVERITIES),
    services: z.array(ZService).default([]),
    // Links bookmarked in every incident channel: runbook, status page, dashboards.
    bookmarks: z
      .array(z.object({ title: z.string().min(1).max(80), url: z.url({ protocol: /^https?$/ }) }))
      .max(20)
      .default([]),
    // Freezes nobody lifted are reminded about in their channel (SPEC.md "Deploy freeze").
    freeze: z
      .object({
        remind_after_end: ZDuration.prefault('30m'),
        max_age: ZDuration.prefault('24h'),
        remind_every: ZDuration.prefault('2h'),
      })
      .strict()
      .prefault({}),
    // PagerDuty webhooks: a triggered high-urgency incident on a mapped service opens a room.
    pagerduty: z
      .object({ auto_declare: z.boolean().default(true), severity: z.string().optional() })
      .strict()
      .prefault({}),
    // Backups of the embedded database by the running bot, into DATA_DIR/backups (`false`: none).
    backup: z
      .union([
        z.literal(false),
        z.object({ every: ZDuration.prefault('24h'), keep: z.number().int().min(1).max(1000).default(7) }).strict(),
      ])
      .prefault({}),
    // The public status page: nothing is public until this is set (SPEC.md "Status page").
    status_page: z
      .object({
        title: z.string().min(1).max(100),
        // Where customers reach it; requests for this host get only the status routes.
        url: z.url({ protocol: /^https?$/ }).optional(),
      })
      .strict()
      .optional(),
    // How far back suspects are looked for before an incident started (SPEC.md "Changes").
    changes: z
      .object({ lookback: ZDuration.prefault('6h') })
      .strict()
      .prefault({}),
    // The insights' digest (a channel name or id; none without it) and DORA's environment.
    insights: z
      .object({
        digest_channel: z.string().min(1).max(80).optional(),
        every: ZDuration.prefault('7d'),
        environment: z.string().min(1).max(64).default('production'),
      })
      .strict()
      .prefault({}),
    // Weekly direct messages to owners of overdue action items and postmortems (SPEC.md "Follow-ups").
    reminders: z
      .object({ action_items: z.boolean().default(true), postmortems: z.boolean().default(true) })
      .strict()
      .prefault({}),
    // Whose X-Forwarded-For is believed (the subscribe form's limits per client address).
    trusted_proxies: z
      .array(
        z.string().refine((cidr) => parseCidr(cidr) !== null, 'must be an address or a CIDR range like 10.0.0.0/8'),
      )
      .default([]),
    linear: z.object({ team: z.string().min(1), label: z.string().min(1).default('incident') }).optional(),
    policy: z
      .object({
        declare: ZPrincipals.optional(),
        assign_roles: ZPrincipals.optional(),
        reopen: ZPrincipals.optional(),
        raise_to_worst: ZPrincipals.optional(),
        grant_exception: ZPrincipals.default(['commander']),
        lift_freeze: ZPrincipals.default(['commander']),
        publish_status: ZPrincipals.default(['commander', 'comms']),
      })
      .prefault({}),
  })
  .strict()
  .superRefine((file, ctx) => {
    const duplicate = (ids: string[]) => ids.find((id, i) => ids.indexOf(id) !== i);
    const sev = duplicate(file.severities.map((s) => s.id));
    if (sev) ctx.addIssue({ code: 'custom', path: ['severities'], message: `severity ${sev} is listed twice` });
    const level = file.pagerduty.severity;
    if (level && !file.severities.some((s) => s.id === level))
      ctx.addIssue({
        code: 'custom',
        path: ['pagerduty', 'severity'],
        message: `${level} is not one of the severities`,
      });
    const svc = duplicate(file.services.map((s) => s.id));
    if (svc) ctx.addIssue({ code: 'custom', path: ['services'], message: `service ${svc} is listed twice` });
  });

export type ConfigFile = z.infer<typeof ZConfigFile>;
export type SeverityLevel = z.infer<typeof ZSeverityLevel>;
export type ServiceConfig = z.infer<typeof ZService>;
