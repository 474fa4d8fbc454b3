import { describeScope } from '../freeze.ts';
import { cell, table, utcTime } from '../markdown.ts';
import { TIMELINE_HEADER, timelineRows } from '../timeline-markdown.ts';
import { keyFigures } from './figures.ts';
import { formatSeconds, secondsBetween } from './format.ts';
import { impactGantt } from './gantt.ts';
import type { PostmortemChange, PostmortemRecord } from './record.ts';
import { changeStatusWords, deployLabel } from '../changes.ts';

type Render = { record: PostmortemRecord; name: (userId: string | null) => string };

const byTime = <T extends { id: number | string; occurredAt: Date; recordedAt: Date }>(rows: T[]) =>
  [...rows].sort(
    (a, b) =>
      a.occurredAt.getTime() - b.occurredAt.getTime() ||
      a.recordedAt.getTime() - b.recordedAt.getTime() ||
      String(a.id).localeCompare(String(b.id), 'en', { numeric: true }),
  );

const placeholder = (text: string) => `_${text}_`;

// The postmortem draft (SPEC.md "Postmortem draft") as Markdown. Deterministic: the same record
// gives the same bytes whatever the time zone or the order the rows were read in.
export function renderPostmortem(record: PostmortemRecord): string {
  const name = (userId: string | null) => (userId ? (record.people[userId] ?? `<@${userId}>`) : '');
  const r: Render = { record, name };
  const sections = [
    header(r),
    summary(r),
    impact(r),
    figures(r),
    severityHistory(r),
    statusHistory(r),
    timeline(r),
    freezes(r),
    ...(record.changes?.length || record.trigger ? [changes(r)] : []),
    ...(record.publicUpdates?.length ? [publicUpdates(r)] : []),
    forHumans(),
    actionItems(r),
  ];
  return `${sections.join('\n\n')}\n`;
}

// Every service the record names: the incident's, any added along the way, and any with an impact
// window (an impact alone does not put a service in the freeze or paging scope; this is display only).
export function namedServices(record: PostmortemRecord): string[] {
  const added = record.timeline.flatMap((e) => {
    const data = (e.data ?? {}) as { op?: unknown; services?: unknown };
    return e.kind === 'services' && data.op === 'add' && Array.isArray(data.services) ? data.services.map(String) : [];
  });
  const named = [...record.incident.services, ...added, ...record.impact.map((w) => w.service)];
  return [...new Set(named)].sort();
}

function header({ record, name }: Render): string {
  const i = record.incident;
  const commander = record.roles.find((r) => r.role === 'commander');
  return [
    `# ${i.isDrill ? '[DRILL] ' : ''}INC-${i.number}: ${i.title}`,
    placeholder(
      'Draft generated from the incident record. Blameless: it describes what happened and why the system allowed it, not who is to blame. Edit freely.',
    ),
    table(
      ['', ''],
      [
        ['Severity', i.severity ?? 'not set'],
        ['Status', i.status],
        ['Services', namedServices(record).join(', ') || 'none named'],
        ['Declared', `${utcTime(i.declaredAt)} UTC by ${name(i.declaredBy)}`],
        ['Commander', commander ? name(commander.userId) : 'unassigned'],
        ['Postmortem owner', i.postmortemOwner ? name(i.postmortemOwner) : 'unassigned'],
        ['Postmortem due', i.postmortemDue ?? 'not set'],
      ],
    ),
  ].join('\n\n');
}

function summary({ record }: Render): string {
  const text =
    record.incident.summary.trim() ||
    placeholder('No summary recorded. In two or three sentences: what happened, who was affected, how it ended.');
  return `## Summary\n\n${text}`;
}

function impact({ record }: Render): string {
  const rows = [...record.impact].sort(
    (a, b) =>
      a.service.localeCompare(b.service) ||
      a.environment.localeCompare(b.environment) ||
      a.startedAt.getTime() - b.startedAt.getTime(),
  );
  if (!rows.length)
    return `## Impact\n\n${placeholder('No impact windows recorded (`/incident impact <service> start|end`).')}`;
  return `## Impact\n\n${impactGantt(record)}\n\n${table(
    ['Service', 'Environment', 'Impact', 'Start (UTC)', 'End (UTC)', 'Duration'],
    rows.map((w) => [
      w.service,
      w.environment,
      w.degraded ? 'degraded' : 'down',
      utcTime(w.startedAt),
      w.endedAt ? utcTime(w.endedAt) : 'ongoing',
      w.endedAt ? formatSeconds(secondsBetween(w.startedAt, w.endedAt)) : 'n/a',
    ]),
  )}`;
}

function figures({ record }: Render): string {
  const { started, triggerToImpact, figures: rows } = keyFigures(record.milestones);
  const intro = started
    ? `Measured from \`started\` (impact began) at ${utcTime(started)} UTC. A negative figure means the milestone came before impact began.`
    : 'The `started` milestone is not recorded, so no figure can be measured (`/incident mark started <time>`).';
  const triggered = record.milestones.find((m) => m.kind === 'triggered');
  const lines = [
    ...(triggered
      ? [
          [
            'Trigger to impact',
            'triggered',
            utcTime(triggered.occurredAt),
            triggerToImpact === null ? 'n/a' : formatSeconds(triggerToImpact),
          ],
        ]
      : []),
    ...rows.map((f) => [
      f.label,
      f.milestone,
      f.at ? utcTime(f.at) : 'n/a',
      f.seconds === null ? 'n/a' : formatSeconds(f.seconds),
    ]),
  ];
  return `## Key figures\n\n${intro}\n\n${table(['Figure', 'Milestone', 'At (UTC)', 'From started'], lines)}`;
}

function severityHistory({ record, name }: Render): string {
  const rows = byTime(record.severityChanges).map((c) => [
    utcTime(c.occurredAt),
    c.fromLevel ? `${c.fromLevel} → ${c.toLevel}` : `set to ${c.toLevel}`,
    name(c.changedBy),
    cell(c.reason),
  ]);
  if (!rows.length) return `## Severity history\n\n${placeholder('No severity was ever set.')}`;
  return `## Severity history\n\n${table(['Time (UTC)', 'Change', 'By', 'Reason'], rows)}`;
}

function statusHistory({ record, name }: Render): string {
  const rows = byTime(record.statusChanges).map((c) => [
    utcTime(c.occurredAt),
    c.toStatus,
    name(c.changedBy),
    cell(c.message),
  ]);
  return `## Status history\n\n${table(['Time (UTC)', 'Status', 'By', 'Message'], rows)}`;
}

function timeline({ record, name }: Render): string {
  const intro =
    'Times in UTC, ordered by when things happened. *(added later)*: recorded more than a minute after it happened.';
  return `## Timeline\n\n${intro}\n\n${table(TIMELINE_HEADER, timelineRows(record.timeline, name))}`;
}

// SPEC.md "Changes": the trigger with its time against the start of impact, every change to the
// affected services from the look-back window to the end, and what the deploy gate decided.
function changes({ record }: Render): string {
  const parts = ['## Changes'];
  // A deploy the gate let through a freeze (the gate's decisions are counted under Deploy freezes).
  const excepted = (c: PostmortemChange) =>
    record.gateDecisions.some(
      (d) => d.allowed && d.service === c.service && d.environment === c.environment && d.version === c.version,
    );
  const trigger = record.trigger;
  if (trigger) {
    const impactStart = [
      ...record.impact.map((w) => w.startedAt),
      ...record.milestones.filter((m) => m.kind === 'started').map((m) => m.occurredAt),
    ].sort((a, b) => a.getTime() - b.getTime())[0];
    const relative = impactStart
      ? (() => {
          const seconds = secondsBetween(trigger.occurredAt, impactStart);
          return seconds >= 0
            ? `, ${formatSeconds(seconds)} before impact`
            : `, ${formatSeconds(-seconds)} after impact started`;
        })()
      : '';
    parts.push(
      `Trigger: deploy of ${changeName(trigger)} to ${trigger.environment} (${changeStatusWords(trigger.status)}), ${utcTime(trigger.occurredAt)}${relative}.`,
    );
  } else parts.push(placeholder('No trigger recorded (`/incident cause <service>@<version>`).'));
  const list = [...(record.changes ?? [])].sort(
    (a, b) => a.occurredAt.getTime() - b.occurredAt.getTime() || a.id.localeCompare(b.id),
  );
  if (list.length)
    parts.push(
      table(
        ['Time (UTC)', 'Deploy', 'Environment', 'Status', 'Pipeline'],
        list.map((c) => [
          utcTime(c.occurredAt),
          `${changeName(c)}${trigger?.id === c.id ? ' (trigger)' : ''}${excepted(c) ? ' (through the freeze by exception)' : ''}`,
          cell(c.environment),
          changeStatusWords(c.status),
          cell(c.pipeline),
        ]),
      ),
    );
  return parts.join('\n\n');
}

const changeName = (c: { service: string; version: string }) => cell(deployLabel(c));

function freezes({ record, name }: Render): string {
  const parts = ['## Deploy freezes'];
  const list = [...record.freezes].sort(
    (a, b) => a.startedAt.getTime() - b.startedAt.getTime() || a.id.localeCompare(b.id),
  );
  if (!list.length) parts.push(placeholder('No deploys were frozen.'));
  else {
    const until = (f: (typeof list)[number]) =>
      f.liftedAt
        ? `${utcTime(f.liftedAt)} (lifted by ${name(f.liftedBy)})`
        : f.expiresAt
          ? `${utcTime(f.expiresAt)} (set to expire)`
          : 'not lifted';
    parts.push(
      table(
        ['Scope', 'From (UTC)', 'Until (UTC)', 'Set by', 'Reason'],
        list.map((f) => [describeScope(f), utcTime(f.startedAt), until(f), name(f.createdBy), cell(f.reason)]),
      ),
    );
  }
  const exceptions = [...record.exceptions].sort(
    (a, b) => a.grantedAt.getTime() - b.grantedAt.getTime() || a.id.localeCompare(b.id),
  );
  // One exception granted through several freezes at once is one grant.
  const grants = exceptions.filter(
    (e, i) =>
      exceptions.findIndex(
        (o) => o.service === e.service && o.version === e.version && o.grantedAt.getTime() === e.grantedAt.getTime(),
      ) === i,
  );
  if (grants.length) {
    parts.push(
      `Break-glass exceptions:\n\n${table(
        ['Version', 'Granted (UTC)', 'Until (UTC)', 'By', 'Why'],
        grants.map((e) => [
          `${e.service}@${e.version}`,
          utcTime(e.grantedAt),
          utcTime(e.expiresAt),
          name(e.grantedBy),
          cell(e.reason),
        ]),
      )}`,
    );
  }
  if (list.length) parts.push(gateSummary(record.gateDecisions));
  return parts.join('\n\n');
}

// What customers were told on the status page, in order.
function publicUpdates({ record }: Render): string {
  const updates = [...(record.publicUpdates ?? [])].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  const title = updates.at(-1)?.title ?? '';
  const rows = updates.map((u) => [
    utcTime(u.displayAt),
    u.displayAt.getTime() === u.createdAt.getTime() ? '' : utcTime(u.createdAt),
    u.status,
    cell(u.body),
  ]);
  return `## Public updates

Published on the status page as *${cell(title)}*.

${table(['Shown at (UTC)', 'Published (UTC)', 'Status', 'Message'], rows)}`;
}

function gateSummary(decisions: PostmortemRecord['gateDecisions']): string {
  const blocked = decisions.filter((d) => !d.allowed);
  const allowed = decisions.filter((d) => d.allowed);
  const total = (rows: typeof decisions) => rows.reduce((n, d) => n + d.count, 0);
  const attempts = (n: number) => `${n} deploy attempt${n === 1 ? '' : 's'}`;
  if (!decisions.length) return 'The deploy gate blocked no deploys.';
  const versions = new Set(blocked.map((d) => `${d.service}@${d.version}`)).size;
  const pipelines = [...new Set(blocked.map((d) => d.pipeline))].sort();
  const blockedText = blocked.length
    ? `The deploy gate blocked ${attempts(total(blocked))} (${versions} version${versions === 1 ? '' : 's'}; pipelines: ${pipelines.join(', ')})`
    : 'The deploy gate blocked no deploys';
  return `${blockedText} and let ${attempts(total(allowed))} through by exception.`;
}

function forHumans(): string {
  const todo = placeholder('To be written by the team.');
  return [
    `## Root cause\n\n${todo}`,
    `## Contributing factors\n\n${todo}`,
    `## 5 whys\n\n1. Why?\n2. Why?\n3. Why?\n4. Why?\n5. Why?`,
    `## What went well\n\n${todo}`,
    `## What went wrong\n\n${todo}`,
  ].join('\n\n');
}

function actionItems({ record, name }: Render): string {
  const items = record.actionItems.filter((a) => a.state !== 'removed').sort((a, b) => a.seq - b.seq);
  if (!items.length) return `## Action items\n\n${placeholder('No action items yet (`/incident action <text>`).')}`;
  const themes = [...new Set(items.map((a) => a.theme ?? ''))].sort((a, b) =>
    a === '' ? 1 : b === '' ? -1 : a.localeCompare(b),
  );
  const linear = (a: (typeof items)[number]) =>
    a.linearKey && a.filing === 'filed'
      ? `[${a.linearKey}](${a.linearUrl})${a.linearState ? ` ${a.linearState}` : ''}`
      : a.filing === 'pending'
        ? `pending${a.filingError ? `: ${cell(a.filingError)}` : ''}`
        : 'not filed';
  const sections = themes.map((theme) => {
    const rows = items
      .filter((a) => (a.theme ?? '') === theme)
      .map((a) => [
        String(a.seq),
        cell(a.text),
        a.ownerId ? name(a.ownerId) : 'unassigned',
        a.priority,
        a.dueDate ?? 'none',
        a.state,
        linear(a),
      ]);
    return `### ${theme || 'Other'}\n\n${table(['#', 'Action', 'Owner', 'Priority', 'Due', 'State', 'Linear'], rows)}`;
  });
  return `## Action items\n\n${sections.join('\n\n')}`;
}
