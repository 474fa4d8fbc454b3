import type { BotContext } from '../context.ts';
import type { Command } from '../domain/commands/parse.ts';
import { AppError } from '../domain/errors.ts';
import { describePrincipals, isAllowed } from '../domain/policy.ts';
import type { Prisma } from '../store/generated/client.ts';
import { addActionItem } from './add-action-item.ts';
import { addTimelineEvent } from './add-timeline-event.ts';
import { answerPrompt } from './answer-prompt.ts';
import { answerResolvePrompt } from './answer-resolve-prompt.ts';
import { assignRole } from './assign-role.ts';
import { changeServices } from './change-services.ts';
import { changeSeverity } from './change-severity.ts';
import { declareIncident } from './declare-incident.ts';
import { draftPostmortem } from './draft-postmortem.ts';
import { editIncident } from './edit-incident.ts';
import { editTimelineEntry } from './edit-timeline-entry.ts';
import { cancelIncident, reopenIncident } from './end-incident.ts';
import { incidentInChannel } from './incident-in-channel.ts';
import { fileActionItems } from './file-action-items.ts';
import { freezeDeploys, type FreezeTarget } from './freeze-deploys.ts';
import { answerFreezePrompt } from './answer-freeze-prompt.ts';
import { grantException } from './grant-exception.ts';
import { revokeException } from './revoke-exception.ts';
import { markMilestone } from './mark-milestone.ts';
import { pageOnDemand } from './page-on-demand.ts';
import { answerStatuspagePrompt } from './answer-statuspage-prompt.ts';
import { postUpdate } from './post-update.ts';
import { publishStatusUpdate } from './publish-status-update.ts';
import { recordImpact } from './record-impact.ts';
import type { SlashCommandContext } from './record-command.ts';
import type { SlackProfile } from './slack-profile.ts';
import { setStatus } from './set-status.ts';
import { setCause } from './set-cause.ts';
import { scheduleMaintenance } from './schedule-maintenance.ts';
import { cancelMaintenance, updateMaintenance } from './update-maintenance.ts';
import { unfreezeDeploys } from './unfreeze-deploys.ts';
import { changeActionItemState, editActionItem } from './update-action-item.ts';
import { finishPostmortem } from './finish-postmortem.ts';
import { followUpItem } from './follow-up-item.ts';
import type { IncidentAction } from './use-case.ts';

type Tx = Prisma.TransactionClient;
// timeGiven: whether occurredAt came from the command (`--at` or a leading time) rather than now.
export type RunContext = {
  from: SlashCommandContext;
  actorEmail: string | null;
  // Looked up for commands that need the person's time zone or whether they are a guest.
  profile?: SlackProfile | null;
  occurredAt: Date;
  timeGiven: boolean;
};
type Runner<C extends Command> = (ctx: BotContext, tx: Tx, command: C, run: RunContext) => Promise<void>;
type Runners = { [N in Command['name']]?: Runner<Extract<Command, { name: N }>> };

// Commands that act on the incident of the channel they were typed in.
function inIncident<C extends Command>(run: (action: IncidentAction, command: C) => Promise<void>): Runner<C> {
  return async (ctx, tx, command, { from, actorEmail, occurredAt, timeGiven }) => {
    const incident = await incidentInChannel(tx, from.channelId);
    const replyTarget = { responseUrl: from.responseUrl, channelId: from.channelId, userId: from.userId };
    await run(
      {
        tx,
        clock: ctx.clock,
        config: ctx.config,
        incident,
        actorId: from.userId,
        actorEmail,
        occurredAt,
        timeGiven,
        replyTarget,
      },
      command,
    );
  };
}

// Freezes belong to the incident of the channel, or with --global to no incident (run anywhere).
async function freezeTarget(
  ctx: BotContext,
  tx: Tx,
  global: boolean,
  { from, actorEmail, occurredAt }: RunContext,
): Promise<FreezeTarget & { occurredAt: Date }> {
  const otherwise =
    "This isn't an incident channel. Run it in the incident's channel, or add `--global` for a freeze outside any incident.";
  const incident = global ? null : await incidentInChannel(tx, from.channelId, otherwise);
  return {
    tx,
    clock: ctx.clock,
    config: ctx.config,
    incident,
    channelId: from.channelId,
    actorId: from.userId,
    actorEmail,
    occurredAt,
  };
}

// Commands about a freeze: of the channel's incident, or with --global of none.
function onFreeze<C extends Command & { global: boolean }>(
  run: (target: FreezeTarget & { occurredAt: Date }, command: C) => Promise<void>,
): Runner<C> {
  return async (ctx, tx, command, context) => run(await freezeTarget(ctx, tx, command.global, context), command);
}

// Maintenance belongs to no incident: typed in any channel.
const maintenanceAction = (ctx: BotContext, tx: Tx, { from, actorEmail, profile }: RunContext) => ({
  tx,
  clock: ctx.clock,
  config: ctx.config,
  actorId: from.userId,
  actorEmail,
  profile: profile ?? null,
  replyTarget: { responseUrl: from.responseUrl, channelId: from.channelId, userId: from.userId },
});

// Commands that record something; each runs in the transaction that marks its command job done.
const RUNNERS: Runners = {
  declare: async (ctx, tx, command, { from, actorEmail, occurredAt }) => {
    if (!command.title) throw new AppError('BAD_INPUT', 'An incident needs a title.');
    const allowed = ctx.config.file.policy.declare;
    if (!isAllowed(allowed, { id: from.userId, email: actorEmail }, []))
      throw new AppError('FORBIDDEN', `Only ${describePrincipals(allowed!)} may declare incidents.`);
    await declareIncident(tx, ctx.clock, ctx.config, {
      title: command.title,
      summary: command.summary,
      severity: command.severity,
      services: command.services,
      isPrivate: command.isPrivate,
      isDrill: command.isDrill,
      declaredBy: from.userId,
      declaredAt: occurredAt,
      reply: { responseUrl: from.responseUrl, channelId: from.channelId, userId: from.userId },
    });
  },
  answer_prompt: inIncident((action, c) => answerPrompt({ ...action, promptId: c.promptId, answer: c.answer })),
  sev: inIncident((action, c) => changeSeverity({ ...action, to: c.severity, reason: c.reason })),
  status: inIncident((action, c) => setStatus({ ...action, status: c.status, message: c.message })),
  cancel: inIncident((action, c) => cancelIncident({ ...action, reason: c.reason })),
  reopen: inIncident((action, c) => reopenIncident({ ...action, reason: c.reason })),
  update: inIncident((action, c) => postUpdate({ ...action, text: c.text })),
  edit: inIncident((action, c) => editIncident({ ...action, field: c.field, text: c.text })),
  services: inIncident((action, c) => changeServices({ ...action, op: c.op, services: c.services })),
  role: inIncident((action, c) => assignRole({ ...action, role: c.role, userId: c.userId })),
  edit_entry: inIncident((action, c) => editTimelineEntry({ ...action, seq: c.seq, text: c.text })),
  note: inIncident(async (action, c) => void (await addTimelineEvent({ ...action, text: c.text, source: 'command' }))),
  mark: inIncident((action, c) => markMilestone({ ...action, milestone: c.milestone, text: c.text })),
  freeze: onFreeze((target, c) =>
    freezeDeploys({
      ...target,
      services: c.services,
      environments: c.environments,
      forMs: c.forMs,
      reason: c.reason,
    }),
  ),
  unfreeze: onFreeze((target, c) => unfreezeDeploys({ ...target, services: c.services })),
  freeze_allow: onFreeze((target, c) =>
    grantException({ ...target, service: c.service, version: c.version, reason: c.reason, forMs: c.forMs }),
  ),
  freeze_revoke: onFreeze((target, c) => revokeException({ ...target, service: c.service, version: c.version })),
  answer_freeze_prompt: inIncident((action, c) =>
    answerFreezePrompt({ ...action, promptId: c.promptId, lift: c.lift }),
  ),
  action: inIncident((action, c) =>
    addActionItem({
      ...action,
      text: c.text,
      ownerId: c.ownerId,
      priority: c.priority,
      due: c.due,
      theme: c.theme,
      permalink: c.permalink,
    }),
  ),
  action_state: inIncident((action, c) => changeActionItemState({ ...action, seq: c.seq, op: c.op })),
  action_edit: inIncident((action, c) =>
    editActionItem({
      ...action,
      seq: c.seq,
      text: c.text,
      ownerId: c.ownerId,
      priority: c.priority,
      due: c.due,
      theme: c.theme,
    }),
  ),
  postmortem: inIncident((action, c) => draftPostmortem({ ...action, ownerId: c.ownerId, due: c.due })),
  postmortem_file: inIncident((action) => fileActionItems(action)),
  postmortem_done: inIncident((action) => finishPostmortem(action)),
  // A button on a reminder or the App Home: the item names its incident, wherever it was pressed.
  follow_up: async (ctx, tx, c, { from, actorEmail, profile, occurredAt }) => {
    await followUpItem({
      tx,
      clock: ctx.clock,
      config: ctx.config,
      actorId: from.userId,
      actorEmail,
      tz: profile?.tz ?? null,
      occurredAt,
      replyTarget: { responseUrl: from.responseUrl, channelId: from.channelId, userId: from.userId },
      itemId: c.itemId,
      op: c.op,
    });
  },
  page: inIncident((action, c) =>
    pageOnDemand({ ...action, service: c.service, userId: c.userId, message: c.message }),
  ),
  answer_resolve_prompt: inIncident((action, c) =>
    answerResolvePrompt({ ...action, promptId: c.promptId, resolve: c.resolve }),
  ),
  statuspage: inIncident(async (action, c) => {
    await publishStatusUpdate({
      ...action,
      title: c.title,
      status: c.status,
      components: c.components,
      impact: c.impact,
      message: c.message,
    });
  }),
  answer_statuspage_prompt: inIncident((action, c) =>
    answerStatuspagePrompt({ ...action, promptId: c.promptId, publish: c.publish }),
  ),
  cause: inIncident(async (action, c) => void (await setCause({ ...action, target: c.target }))),
  maintenance_schedule: async (ctx, tx, c, run) => {
    await scheduleMaintenance({ ...maintenanceAction(ctx, tx, run), typedAt: run.occurredAt, ...c });
  },
  maintenance_update: async (ctx, tx, c, run) => {
    await updateMaintenance({
      ...maintenanceAction(ctx, tx, run),
      number: c.number,
      status: c.status,
      message: c.message,
    });
  },
  maintenance_cancel: async (ctx, tx, c, run) => {
    await cancelMaintenance({ ...maintenanceAction(ctx, tx, run), number: c.number, message: c.message });
  },
  impact: inIncident((action, c) =>
    recordImpact({ ...action, service: c.service, edge: c.edge, environment: c.environment, degraded: c.degraded }),
  ),
};

export async function runCommand(ctx: BotContext, tx: Tx, command: Command, run: RunContext) {
  const runner = RUNNERS[command.name] as Runner<Command> | undefined;
  if (!runner) throw new AppError('BAD_INPUT', `\`${command.name}\` does not record anything.`);
  await runner(ctx, tx, command, run);
}
