import { scheduleNudge, scheduleSeverityCadence } from '../../app/prompt-schedule.ts';
import type { BotContext } from '../../context.ts';
import type { PromptQuestion } from '../../domain/events.ts';
import { incidentRef } from '../../domain/incident.ts';
import {
  ESCALATE_AFTER_MS,
  promptsApply,
  REASK_AFTER_MS,
  TRIGGER_TEXT,
  type PromptTrigger,
} from '../../domain/prompts.ts';
import { answeredText, severityPromptBlocks, severityQuestion } from '../../slack/blocks/prompt.ts';
import { classifySlackError } from '../../slack/errors.ts';
import { questionText } from '../../slack/messages/replies.ts';
import { postOnce } from '../../slack/post-once.ts';
import type { Job } from '../../store/generated/client.ts';
import { RetryLater } from '../errors.ts';
import { enqueue } from '../queue.ts';
import type { JobOutcome } from '../worker.ts';

type AskPayload = { incidentId: string; kind: 'severity' | 'nudge'; trigger: PromptTrigger };

async function openIncident(ctx: BotContext, incidentId: string) {
  const incident = await ctx.db.incident.findUniqueOrThrow({
    where: { id: incidentId },
    include: { roles: { where: { endedAt: null } } },
  });
  if (!promptsApply(incident)) return null;
  // Asked at declaration, before the room exists: wait for it.
  if (!incident.channelId) throw new RetryLater('the incident channel does not exist yet');
  return incident;
}

type PromptIncident = NonNullable<Awaited<ReturnType<typeof openIncident>>>;

function promptMessage(
  ctx: BotContext,
  incident: PromptIncident,
  kind: 'severity' | 'nudge',
  promptId: string,
  why: string,
) {
  const ref = incidentRef(incident.number);
  if (kind === 'severity') {
    const question = severityQuestion(ref, incident.severity);
    return {
      text: question.replace(/\*/g, ''),
      blocks: severityPromptBlocks(
        promptId,
        question,
        why,
        incident.severity,
        ctx.config.file.severities.map((s) => s.id),
      ),
    };
  }
  const comms = incident.roles.find((r) => r.role === 'comms') ?? incident.roles.find((r) => r.role === 'commander');
  const who = comms ? `<@${comms.userId}>` : 'Comms';
  return { text: `${who}, time for a status update on ${ref}: \`/incident update <what changed>\`` };
}

// Asks (a severity prompt or a comms nudge), unless the incident ended, is a drill, or a question
// of the same kind is still waiting for an answer; the cadence timer is set again either way.
export async function askPrompt(ctx: BotContext, job: Job): Promise<JobOutcome> {
  const payload = job.payload as AskPayload;
  const incident = await openIncident(ctx, payload.incidentId);
  if (!incident) return { result: { skipped: 'incident ended, drill, or no room' } };
  const now = ctx.clock.now();
  const reschedule = async (tx: Parameters<NonNullable<JobOutcome['apply']>>[0]) => {
    if (payload.trigger !== 'cadence') return;
    if (payload.kind === 'severity') await scheduleSeverityCadence(tx, ctx.config, incident, now);
    else await scheduleNudge(tx, ctx.config, incident, now);
  };
  const waiting = await ctx.db.prompt.findFirst({
    where: { incidentId: incident.id, kind: payload.kind, answeredAt: null },
  });
  if (waiting) return { apply: reschedule, result: { skipped: 'an earlier question is still open' } };

  // The prompt's id is this job's id, so the buttons can name it before the row exists.
  const message = promptMessage(ctx, incident, payload.kind, job.id, TRIGGER_TEXT[payload.trigger]);
  const ts = await postOnce(ctx, job, { channel: incident.channelId!, ...message });
  return {
    apply: async (tx) => {
      await tx.prompt.create({
        data: {
          id: job.id,
          incidentId: incident.id,
          kind: payload.kind,
          trigger: payload.trigger,
          askedAt: now,
          messageTs: ts,
        },
      });
      await enqueue(tx, now, [
        {
          kind: 'prompt.reask',
          incidentId: incident.id,
          runAt: new Date(now.getTime() + REASK_AFTER_MS),
          payload: { promptId: job.id },
        },
      ]);
      await reschedule(tx);
    },
    result: { ts },
  };
}

// Unanswered: asked once more in the room, then the commander is told directly.
export async function reaskPrompt(ctx: BotContext, job: Job): Promise<JobOutcome> {
  const { promptId } = job.payload as { promptId: string };
  const prompt = await ctx.db.prompt.findUniqueOrThrow({ where: { id: promptId } });
  const incident = await openIncident(ctx, prompt.incidentId);
  if (!incident || prompt.answeredAt) return { result: { skipped: 'answered or ended' } };
  const message = promptMessage(
    ctx,
    incident,
    prompt.kind as 'severity' | 'nudge',
    promptId,
    'Asking again: nobody has answered yet.',
  );
  await postOnce(ctx, job, { channel: incident.channelId!, ...message });
  const now = ctx.clock.now();
  return {
    apply: async (tx) => {
      await tx.prompt.update({ where: { id: promptId }, data: { reaskedAt: now } });
      await enqueue(tx, now, [
        {
          kind: 'prompt.escalate',
          incidentId: incident.id,
          runAt: new Date(now.getTime() + ESCALATE_AFTER_MS),
          payload: { promptId },
        },
      ]);
    },
  };
}

export async function escalatePrompt(ctx: BotContext, job: Job): Promise<JobOutcome> {
  const { promptId } = job.payload as { promptId: string };
  const prompt = await ctx.db.prompt.findUniqueOrThrow({ where: { id: promptId } });
  const incident = await openIncident(ctx, prompt.incidentId);
  if (!incident || prompt.answeredAt) return { result: { skipped: 'answered or ended' } };
  const commander = incident.roles.find((r) => r.role === 'commander')?.userId;
  if (!commander) return { result: { skipped: 'no commander' } };
  const ref = incidentRef(incident.number);
  const what =
    prompt.kind === 'severity' ? `whether ${incident.severity ?? 'its severity'} is right` : 'a status update';
  // A direct message from the app to the commander (posting to a user id opens it).
  await postOnce(ctx, job, {
    channel: commander,
    text: `:rotating_light: Nobody in <#${incident.channelId}> has answered ${what} for ${ref} in ${Math.round((REASK_AFTER_MS + ESCALATE_AFTER_MS) / 60_000)} minutes.`,
  });
  const now = ctx.clock.now();
  return {
    apply: async (tx) => void (await tx.prompt.update({ where: { id: promptId }, data: { escalatedAt: now } })),
  };
}

// Shows the answer in place of the buttons.
export async function updatePromptMessage(ctx: BotContext, job: Job): Promise<JobOutcome> {
  // A string question is how jobs queued before questions were worded here carried them.
  const payload = job.payload as { promptId: string; question: PromptQuestion | string; outcome: string };
  const { promptId, outcome } = payload;
  const question = typeof payload.question === 'string' ? payload.question : questionText(payload.question);
  const prompt = await ctx.db.prompt.findUniqueOrThrow({ where: { id: promptId }, include: { incident: true } });
  if (!prompt.messageTs || !prompt.incident.channelId || !prompt.answeredAt) return {};
  const text = answeredText(question, outcome, prompt.answeredBy!, prompt.askedAt, prompt.answeredAt);
  try {
    await ctx.slack.chat.update({
      channel: prompt.incident.channelId,
      ts: prompt.messageTs,
      text,
      blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }],
    });
  } catch (error) {
    throw classifySlackError(error);
  }
  return {};
}
