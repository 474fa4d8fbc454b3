import { updateHeader } from '../../app/effects.ts';
import { reminderKey, reminderSettings } from '../../app/freeze-records.ts';
import { settleFreezePrompts } from '../../app/freeze-prompts.ts';
import type { BotContext } from '../../context.ts';
import { describeScope, isFreezeActive, nextFreezeReminder } from '../../domain/freeze.ts';
import { incidentRef, isOpenStatus } from '../../domain/incident.ts';
import { escapeText } from '../../domain/text.ts';
import type { FreezePromptTrigger } from '../../domain/freeze.ts';
import { freezePromptBlocks, liftQuestion } from '../../slack/blocks/freeze-prompt.ts';
import { slackDate } from '../../slack/blocks/format.ts';
import { postOnce } from '../../slack/post-once.ts';
import { activeFreezeWhere } from '../../store/freezes.ts';
import type { Job } from '../../store/generated/client.ts';
import { insertTimelineEntry } from '../../store/timeline.ts';
import { RetryLater } from '../errors.ts';
import { askOnce } from './ask-once.ts';
import { enqueue } from '../queue.ts';
import type { JobOutcome } from '../worker.ts';

// "Lift the freeze?" with buttons, unless nothing is frozen any more or the question is already open.
export async function askToLift(ctx: BotContext, job: Job): Promise<JobOutcome> {
  const { incidentId, trigger } = job.payload as { incidentId: string; trigger: FreezePromptTrigger };
  const now = ctx.clock.now();
  const incident = await ctx.db.incident.findUniqueOrThrow({ where: { id: incidentId } });
  const freezes = await ctx.db.freeze.findMany({
    where: { incidentId, ...activeFreezeWhere(now) },
    orderBy: { startedAt: 'asc' },
  });
  if (!freezes.length) return { result: { skipped: 'nothing frozen' } };
  if (!incident.channelId) throw new RetryLater('the incident channel does not exist yet');
  const question = liftQuestion(incidentRef(incident.number), freezes.map(describeScope).join(' and '));
  return askOnce(ctx, job, {
    incidentId,
    kind: 'freeze',
    trigger,
    channel: incident.channelId,
    text: question,
    blocks: (id) => freezePromptBlocks(id, escapeText(question), trigger),
  });
}

// One timer per freeze. When it fires it reminds (in the incident's room, or where a freeze outside
// any incident was set) if the freeze outlived its incident or is older than the configured age,
// and sets itself again; a freeze lifted or ended meanwhile stops it.
export async function remindAboutFreeze(ctx: BotContext, job: Job): Promise<JobOutcome> {
  const { freezeId } = job.payload as { freezeId: string };
  const now = ctx.clock.now();
  const freeze = await ctx.db.freeze.findUniqueOrThrow({ where: { id: freezeId }, include: { incident: true } });
  if (!isFreezeActive(freeze, now)) return { result: { skipped: 'freeze ended' } };
  const settings = reminderSettings(ctx.config);
  const ended = freeze.incident && !isOpenStatus(freeze.incident.status) ? freeze.incident.endedAt : null;
  const due = nextFreezeReminder(freeze, ended, settings);
  const again =
    (runAt: Date): JobOutcome['apply'] =>
    async (tx) =>
      enqueue(tx, now, [
        {
          kind: 'freeze.remind',
          incidentId: freeze.incidentId ?? undefined,
          runAt,
          payload: { freezeId },
          dedupeKey: reminderKey(freezeId),
        },
      ]);
  if (due > now) return { apply: again(due), result: { skipped: 'not due yet' } };

  const channel = freeze.incident?.channelId ?? freeze.channelId;
  if (!channel) return { result: { skipped: 'nowhere to remind' } };
  const by = freeze.incident
    ? `by ${incidentRef(freeze.incident.number)}${ended ? `, which ended ${slackDate(ended)},` : ''}`
    : 'outside any incident';
  const lift = `\`/incident unfreeze${freeze.incident ? '' : ' --global'}\``;
  const text = `:hourglass: Deploys of ${escapeText(describeScope(freeze))} are still frozen ${by} since ${slackDate(freeze.startedAt)}. Lift it with ${lift} if it is no longer needed.`;
  const ts = await postOnce(ctx, job, { channel, text });
  return { apply: again(new Date(now.getTime() + settings.remindEvery)), result: { ts } };
}

// A freeze set `--for` a while has run out: said in its room, on the timeline and on the header.
export async function freezeExpired(ctx: BotContext, job: Job): Promise<JobOutcome> {
  const { freezeId } = job.payload as { freezeId: string };
  const now = ctx.clock.now();
  const freeze = await ctx.db.freeze.findUniqueOrThrow({ where: { id: freezeId }, include: { incident: true } });
  if (freeze.liftedAt || !freeze.expiresAt || freeze.expiresAt > now)
    return { result: { skipped: 'lifted, or no longer due' } };
  const channel = freeze.incident?.channelId ?? freeze.channelId;
  // The entry is at the time it ended, so its text needs no time.
  const text = `The freeze of ${describeScope(freeze)} ended (it was set for a limited time)`;
  const said = `The freeze of ${escapeText(describeScope(freeze))} ended at ${slackDate(freeze.expiresAt)} (it was set for a limited time).`;
  if (channel) await postOnce(ctx, job, { channel, text: `:white_check_mark: ${said}` });
  const incident = freeze.incident;
  if (!incident) return {};
  return {
    apply: async (tx) => {
      await insertTimelineEntry(tx, {
        incidentId: incident.id,
        kind: 'unfreeze',
        text,
        actorId: null,
        occurredAt: freeze.expiresAt!,
        recordedAt: now,
        data: { freezeId, expired: true },
      });
      await settleFreezePrompts(tx, incident, ctx.botUserId, 'ended on its own', now);
      await enqueue(tx, now, [updateHeader(incident.id)]);
    },
  };
}
