// Telling status page subscribers (SPEC.md "Subscribers"): the fan-out of one publication into
// one delivery per subscriber, each delivery, and the confirmation mail.
import { deliverNotice } from '../../app/deliver-notice.ts';
import { type NoticeSource, queueDeliveries } from '../../app/notify-subscribers.ts';
import { sendConfirmation } from '../../app/send-confirmation.ts';
import type { BotContext } from '../../context.ts';
import { webhookDisabledText } from '../../slack/messages/subscribers.ts';
import { confirmationMail, incidentNotice, maintenanceNotice } from '../../web/status/notices.ts';
import type { Job } from '../../store/generated/client.ts';
import { finishedJob, type JobOutcome, type JobTools } from '../worker.ts';

export async function fanOutNotice(ctx: BotContext, job: Job, tools: JobTools): Promise<JobOutcome> {
  const { source } = job.payload as { source: NoticeSource };
  const model = await ctx.statusPage.fresh();
  const now = ctx.clock.now();
  const content =
    source.kind === 'incident'
      ? incidentNotice(model, source.publicId, source.updateId, now)
      : maintenanceNotice(model, source.notice, now);
  if (!content) return { result: { skipped: 'no longer published' } };
  const told = await tools.inDbSlot(() =>
    ctx.db.$transaction(async (tx) => {
      // Marked done with the deliveries it queues: a fan-out run twice queues them once.
      const held = await tx.job.updateMany({
        where: { id: job.id, status: 'running', lockedBy: job.lockedBy },
        data: finishedJob(now),
      });
      if (held.count !== 1) throw new Error('the fan-out job was taken over by another worker');
      return queueDeliveries(tx, now, content, { email: !!ctx.mailer });
    }),
  );
  return { finished: true, result: { told } };
}

export async function deliver(ctx: BotContext, job: Job): Promise<JobOutcome> {
  const outcome = await deliverNotice(
    { db: ctx.db, clock: ctx.clock, mailer: ctx.mailer, webhooks: ctx.webhooks, baseUrl: ctx.statusPage.root() },
    job.payload as { noticeId: string; subscriberId: string; part: number },
  );
  if (outcome.kind !== 'disabled') return { result: { outcome: outcome.kind } };
  ctx.logger.warn({ host: outcome.host }, 'a webhook subscriber failed for a day: disabled');
  return {
    result: { outcome: 'disabled' },
    followUps: outcome.createdBy
      ? [
          {
            kind: 'slack.post',
            payload: { channelId: outcome.createdBy, target: 'channel', text: webhookDisabledText(outcome.host) },
          },
        ]
      : [],
  };
}

export async function confirmMail(ctx: BotContext, job: Job): Promise<JobOutcome> {
  const { subscriberId } = job.payload as { subscriberId: string };
  const title = ctx.config.file.status_page?.title ?? 'Status';
  const sent = await sendConfirmation(
    { db: ctx.db, mailer: ctx.mailer, baseUrl: ctx.statusPage.root() },
    subscriberId,
    (url) => confirmationMail(title, url),
  );
  return { result: { sent } };
}
