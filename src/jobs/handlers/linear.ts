import { applyIssueIn, type FindOwnerPayload, setOwnerFound } from '../../app/apply-linear-issue.ts';
import { slackProfile } from '../../app/slack-profile.ts';
import type { LinearIssueUpdate } from '../../domain/linear-webhook.ts';
import { classifySlackError, slackErrorCode } from '../../slack/errors.ts';
import type { BotContext } from '../../context.ts';
import { incidentRef } from '../../domain/incident.ts';
import { escapeText } from '../../domain/text.ts';
import {
  classifyLinearError,
  LinearConfigError,
  type FiledIssue,
  type IssueTracker,
} from '../../integrations/linear.ts';
import type { Job } from '../../store/generated/client.ts';
import { PermanentFailure } from '../errors.ts';
import { enqueue } from '../queue.ts';
import type { JobOutcome } from '../worker.ts';
import { postTextInRoom } from '../message-jobs.ts';
import { cutText } from '../../domain/text.ts';

// Linear's priorities: 1 urgent, 2 high, 3 medium ("normal"), 4 low.
const PRIORITY: Record<string, number> = { urgent: 1, high: 2, medium: 3, low: 4 };
const SYNC_EVERY_MS = 5 * 60_000;

function tracker(ctx: BotContext): IssueTracker {
  if (!ctx.linear || !ctx.config.file.linear) throw new PermanentFailure('Linear is not configured');
  return ctx.linear;
}

export const syncTimer = (now: Date) => ({
  kind: 'linear.sync_states',
  runAt: new Date(now.getTime() + SYNC_EVERY_MS),
  payload: {},
  dedupeKey: 'linear-sync',
});

// Files one action item under the id stored for it. A retry first asks Linear whether that issue
// exists (the create may have succeeded with its answer lost), so there is never a second issue.
export async function fileItem(ctx: BotContext, job: Job): Promise<JobOutcome> {
  const { itemId } = job.payload as { itemId: string };
  const item = await ctx.db.actionItem.findUniqueOrThrow({ where: { id: itemId }, include: { incident: true } });
  if (item.filing === 'filed' || !item.linearIssueId) return { result: { skipped: 'already filed' } };
  const linear = tracker(ctx);
  const { incident } = item;
  const ref = incidentRef(incident.number);
  let issue: FiledIssue | null;
  try {
    issue = job.attempts > 1 ? await linear.findIssue(item.linearIssueId) : null;
    if (!issue) {
      const teamKey =
        ctx.config.file.services.find((s) => incident.services.includes(s.id) && s.linear_team)?.linear_team ??
        ctx.config.file.linear!.team;
      const teamId = await linear.teamId(teamKey);
      const labelId = await linear.labelId(teamId, ctx.config.file.linear!.label);
      const email = item.ownerId ? (await slackProfile(ctx, item.ownerId)).email : null;
      await linear.createIssue({
        id: item.linearIssueId,
        teamId,
        title: cutText(item.text, 250),
        description: describe(item, ref, incident.title),
        priority: PRIORITY[item.priority] ?? 0,
        dueDate: item.dueDate?.toISOString().slice(0, 10) ?? null,
        labelIds: [labelId],
        assigneeId: email ? await linear.userIdByEmail(email) : null,
      });
      issue = await linear.findIssue(item.linearIssueId);
      if (!issue) throw new Error('Linear does not show the issue it just created');
    }
    if (incident.channelId) await linear.linkUrl(issue.id, slackChannelUrl(incident.channelId), `${ref} in Slack`);
  } catch (error) {
    const failure =
      error instanceof LinearConfigError ? new PermanentFailure(error.message) : classifyLinearError(error);
    await ctx.db.actionItem.update({ where: { id: item.id }, data: { filingError: failure.message } });
    // Said once per item, on its first failure; later attempts keep the reason current quietly.
    if (job.attempts === 1) {
      const next =
        failure instanceof PermanentFailure
          ? 'Fix the configuration, then run `/incident postmortem file` again.'
          : 'The bot keeps retrying.';
      await enqueue(ctx.db, ctx.clock.now(), [
        postTextInRoom(
          incident.id,
          `:hourglass: Action item *#${item.seq}* is not in Linear yet: ${escapeText(failure.message)}. ${next}`,
        ),
      ]);
    }
    if (failure instanceof PermanentFailure)
      await ctx.db.actionItem.update({ where: { id: item.id }, data: { filing: 'unfiled' } });
    throw failure;
  }
  const now = ctx.clock.now();
  const filed = issue;
  return {
    apply: async (tx) => {
      await tx.actionItem.update({
        where: { id: item.id },
        data: {
          filing: 'filed',
          filingError: null,
          filedAt: now,
          linearKey: filed.identifier,
          linearUrl: filed.url,
          linearState: filed.state,
        },
      });
      await enqueue(tx, now, [syncTimer(now)]);
    },
    followUps: [
      postTextInRoom(
        incident.id,
        `:white_check_mark: Action item *#${item.seq}* filed in Linear as <${filed.url}|${filed.identifier}>.`,
      ),
    ],
    result: { issue: filed.identifier },
  };
}

function describe(item: { text: string; permalink: string | null; createdBy: string }, ref: string, title: string) {
  return [
    `Action item from incident ${ref}: ${title}.`,
    item.permalink ? `From this Slack message: ${item.permalink}` : null,
    'Filed by incident-bot; the postmortem draft lists it with its state.',
  ]
    .filter(Boolean)
    .join('\n\n');
}

const slackChannelUrl = (channelId: string) => `https://slack.com/app_redirect?channel=${channelId}`;

// Linear's states flow back on a durable timer while any filed item is still open there: the
// fallback for webhooks, applied by the same rule (an older update never undoes a newer one).
export async function syncStates(ctx: BotContext): Promise<JobOutcome> {
  const linear = tracker(ctx);
  const items = await ctx.db.actionItem.findMany({
    where: { filing: 'filed', state: 'open', linearIssueId: { not: null } },
    take: 100,
    orderBy: { filedAt: 'asc' },
  });
  if (!items.length) return { result: { open: 0 } };
  let issues: LinearIssueUpdate[];
  try {
    issues = await linear.issues(items.map((i) => i.linearIssueId!));
  } catch (error) {
    throw classifyLinearError(error);
  }
  const now = ctx.clock.now();
  return {
    apply: async (tx) => {
      for (const issue of issues) await applyIssueIn(tx, ctx.clock, issue);
      await enqueue(tx, now, [syncTimer(now)]);
    },
    result: { checked: issues.length },
  };
}

// A Linear assignee the bot had not met: the Slack user with that email becomes the item's owner.
export async function findOwner(ctx: BotContext, job: Job): Promise<JobOutcome> {
  const payload = job.payload as FindOwnerPayload;
  let user: Awaited<ReturnType<BotContext['slack']['users']['lookupByEmail']>>['user'];
  try {
    ({ user } = await ctx.slack.users.lookupByEmail({ email: payload.email }));
  } catch (error) {
    if (slackErrorCode(error) === 'users_not_found') return { result: { found: false } };
    throw classifySlackError(error);
  }
  if (!user?.id) return { result: { found: false } };
  const found = {
    id: user.id,
    email: payload.email,
    tz: user.tz ?? null,
    name: user.name ?? null,
    isGuest: !!(user.is_restricted || user.is_ultra_restricted),
  };
  return { apply: (tx) => setOwnerFound(tx, payload, found, ctx.clock.now()), result: { found: true } };
}
