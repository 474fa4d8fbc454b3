import { updateHeader } from '../../app/effects.ts';
import { slackProfile } from '../../app/slack-profile.ts';
import type { BotContext } from '../../context.ts';
import { incidentRef, isOpenStatus } from '../../domain/incident.ts';
import { escapeText } from '../../domain/text.ts';
import { isDuplicateKey, PagerDutyRefusal, type Pager, type PdIncident } from '../../integrations/pagerduty.ts';
import { resolvePromptBlocks, resolveQuestion } from '../../slack/blocks/resolve-prompt.ts';
import { classifySlackError, slackErrorCode } from '../../slack/errors.ts';
import type { Job } from '../../store/generated/client.ts';
import { insertTimelineEntry } from '../../store/timeline.ts';
import { asJobFailure, PermanentFailure, RetryLater } from '../errors.ts';
import { askOnce } from './ask-once.ts';
import { enqueue } from '../queue.ts';
import type { JobOutcome } from '../worker.ts';
import { postTextInRoom } from '../message-jobs.ts';
import { cutText } from '../../domain/text.ts';

function pager(ctx: BotContext): Pager {
  if (!ctx.pager) throw new PermanentFailure('PagerDuty is not configured');
  return ctx.pager;
}

const asRetry = (failure: unknown) => {
  const error = asJobFailure(failure);
  return error instanceof PagerDutyRefusal
    ? new PermanentFailure(error.message)
    : error instanceof RetryLater || error instanceof PermanentFailure
      ? error
      : new RetryLater((error as Error).message);
};

// Creates the PagerDuty incident of one page. Its incident_key comes from our incident, so a create
// whose answer was lost, retried, is found (or refused as a duplicate and then found): never twice.
export async function sendPage(ctx: BotContext, job: Job): Promise<JobOutcome> {
  const { incidentKey, level, message } = job.payload as { incidentKey: string; level?: string; message?: string };
  const page = await ctx.db.page.findUniqueOrThrow({ where: { incidentKey }, include: { incident: true } });
  if (page.pdIncidentId) return { result: { skipped: 'already paged' } };
  const { incident } = page;
  if (!isOpenStatus(incident.status)) {
    return {
      apply: async (tx) => void (await tx.page.update({ where: { id: page.id }, data: { status: 'cancelled' } })),
      result: { skipped: 'the incident ended first' },
    };
  }
  const ref = incidentRef(incident.number);
  const who = page.target.startsWith('user:') ? `<@${page.target.slice(5)}>` : page.target;
  let pd: PdIncident | null;
  try {
    const client = pager(ctx);
    const serviceId = ctx.config.file.services.find((s) => s.id === page.service)?.pagerduty?.service_id;
    if (!serviceId) throw new PermanentFailure(`${page.service} is not mapped to a PagerDuty service`);
    pd = job.attempts > 1 ? await client.findByKey(incidentKey) : null;
    if (!pd) {
      const severity = ctx.config.file.severities.find((s) => s.id === (level ?? incident.severity));
      const assigneeId = page.target.startsWith('user:')
        ? await pdUserFor(ctx, client, page.target.slice(5))
        : undefined;
      const title = cutText(`[${ref}] ${incident.title}${incident.severity ? ` (${incident.severity})` : ''}`, 255);
      const details = [
        `Incident ${ref} in Slack${incident.channelName ? ` (#${incident.channelName})` : ''}: ${incident.channelId ? `https://slack.com/app_redirect?channel=${incident.channelId}` : 'room being opened'}`,
        message ? `Message: ${message}` : null,
      ]
        .filter(Boolean)
        .join('\n');
      try {
        pd = await client.createIncident({
          title,
          serviceId,
          urgency: severity?.urgency ?? 'high',
          details,
          incidentKey,
          assigneeId,
        });
      } catch (error) {
        if (!isDuplicateKey(error)) throw error;
        pd = await client.findByKey(incidentKey);
        if (!pd) throw new RetryLater('PagerDuty reports the incident exists but does not list it yet');
      }
    }
  } catch (error) {
    const failure = asRetry(error);
    await ctx.db.page.update({
      where: { id: page.id },
      data: { lastError: failure.message, ...(failure instanceof PermanentFailure ? { status: 'failed' } : {}) },
    });
    // Said on the first failure (and when giving up); later attempts keep the reason current quietly.
    if (!page.lastError || failure instanceof PermanentFailure) {
      const next =
        failure instanceof PermanentFailure
          ? 'Page them another way.'
          : 'The bot keeps retrying and will say when it gets through.';
      await enqueue(ctx.db, ctx.clock.now(), [
        postTextInRoom(
          incident.id,
          `:warning: Paging ${who} through PagerDuty is ${failure instanceof PermanentFailure ? 'not possible' : 'delayed'}: ${escapeText(failure.message)}. ${next}`,
        ),
      ]);
    }
    throw failure;
  }
  const now = ctx.clock.now();
  const found = pd;
  const late = page.lastError ? ` (it failed at first: ${page.lastError})` : '';
  return {
    apply: async (tx) => {
      await tx.page.update({
        where: { id: page.id },
        data: { status: found.status, pdIncidentId: found.id, pdUrl: found.url, lastError: null },
      });
      await insertTimelineEntry(tx, {
        incidentId: incident.id,
        kind: 'paged',
        text: `Paged ${page.target.startsWith('user:') ? who : page.target} on PagerDuty: ${found.url}`,
        actorId: null,
        occurredAt: now,
        recordedAt: now,
        data: { pdIncidentId: found.id, target: page.target },
      });
      await enqueue(tx, now, [
        updateHeader(incident.id),
        postTextInRoom(
          incident.id,
          `:pager: Paged ${who} on PagerDuty: <${found.url}|${escapeText(ref)} on PagerDuty>${escapeText(late)}`,
        ),
      ]);
    },
    result: { pdIncidentId: found.id },
  };
}

async function pdUserFor(ctx: BotContext, client: Pager, slackUserId: string): Promise<string> {
  const email = (await slackProfile(ctx, slackUserId).catch((error) => Promise.reject(classifySlackError(error))))
    .email;
  if (!email) throw new PermanentFailure(`<@${slackUserId}> has no email in Slack to find them in PagerDuty`);
  const id = await client.userIdByEmail(email);
  if (!id) throw new PermanentFailure(`no PagerDuty user has the email ${email}`);
  return id;
}

// Our side resolved: resolve the linked PagerDuty incident. The page was marked resolved first,
// so the webhook echoing this resolve is recognised as ours and asks nothing.
export async function resolvePage(ctx: BotContext, job: Job): Promise<JobOutcome> {
  const { pageId } = job.payload as { pageId: string };
  const page = await ctx.db.page.findUniqueOrThrow({ where: { id: pageId } });
  if (!page.pdIncidentId) return { result: { skipped: 'never paged' } };
  try {
    await pager(ctx).resolve(page.pdIncidentId);
  } catch (error) {
    throw asRetry(error);
  }
  return { apply: async (tx) => void (await tx.page.update({ where: { id: page.id }, data: { status: 'resolved' } })) };
}

// Invites the current on-call of the affected services whose PagerDuty email is a Slack user.
export async function inviteOnCall(ctx: BotContext, job: Job): Promise<JobOutcome> {
  const { incidentId } = job.payload as { incidentId: string };
  const incident = await ctx.db.incident.findUniqueOrThrow({ where: { id: incidentId } });
  if (!incident.channelId) throw new RetryLater('the incident channel does not exist yet');
  const policies = ctx.config.file.services
    .filter((s) => incident.services.includes(s.id) && s.pagerduty)
    .map((s) => s.pagerduty!.escalation_policy_id);
  if (!policies.length || !ctx.pager) return { result: { skipped: 'no mapped service' } };
  let emails: string[];
  try {
    emails = [...new Set((await ctx.pager.oncalls(policies)).flatMap((o) => (o.email ? [o.email.toLowerCase()] : [])))];
  } catch (error) {
    throw asRetry(error);
  }
  const users: string[] = [];
  for (const email of emails) {
    try {
      const found = await ctx.slack.users.lookupByEmail({ email });
      if (found.user?.id) users.push(found.user.id);
    } catch (error) {
      if (slackErrorCode(error) !== 'users_not_found') throw classifySlackError(error);
    }
  }
  if (!users.length) return { result: { invited: 0 } };
  return {
    followUps: [{ kind: 'slack.invite', incidentId, payload: { incidentId, users } }],
    result: { invited: users.length },
  };
}

// PagerDuty resolved an incident we are linked to: ask the room, with buttons, whether to resolve.
export async function askToResolve(ctx: BotContext, job: Job): Promise<JobOutcome> {
  const { incidentId, pdUrl } = job.payload as { incidentId: string; pdUrl: string };
  const incident = await ctx.db.incident.findUniqueOrThrow({ where: { id: incidentId } });
  if (!isOpenStatus(incident.status)) return { result: { skipped: 'already ended' } };
  if (!incident.channelId) throw new RetryLater('the incident channel does not exist yet');
  const question = resolveQuestion(incidentRef(incident.number));
  return askOnce(ctx, job, {
    incidentId,
    kind: 'resolve',
    trigger: 'pagerduty_resolved',
    channel: incident.channelId,
    text: question,
    blocks: (id) => resolvePromptBlocks(id, question, pdUrl),
  });
}
