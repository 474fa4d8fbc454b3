import { advanceMaintenance } from '../../app/advance-maintenance.ts';
import type { BotContext } from '../../context.ts';
import type { MaintenanceNotice } from '../../domain/events.ts';
import type { MaintenanceStep } from '../../domain/status-page/maintenance.ts';
import { maintenanceNoticeText } from '../../slack/messages/maintenance.ts';
import { postOnce } from '../../slack/post-once.ts';
import type { Job } from '../../store/generated/client.ts';
import type { JobOutcome } from '../worker.ts';
import { announcementsChannel } from './announce.ts';

// A maintenance timer: see src/app/advance-maintenance.ts. The page shows the move at once.
export async function maintenanceStep(ctx: BotContext, job: Job): Promise<JobOutcome> {
  const payload = job.payload as { maintenanceId: string; step: MaintenanceStep };
  const notice = await advanceMaintenance(ctx.db, ctx.clock, payload);
  if (notice) ctx.statusPage.invalidate();
  return { result: { moved: notice?.status ?? null } };
}

// One step of a maintenance told to the announcements channel. Subscribers (email, webhooks) are
// told from here too, once they exist: each gets its own job queued by this one.
export async function maintenanceNotice(ctx: BotContext, job: Job): Promise<JobOutcome> {
  const { notice } = job.payload as { notice: MaintenanceNotice };
  const channel = await announcementsChannel(ctx);
  if (!channel) return { result: { skipped: 'no announcements channel' } };
  const text = maintenanceNoticeText(notice, ctx.config.file.status_page?.url ?? null);
  const ts = await postOnce(ctx, job, { channel, text });
  return { result: { channel, ts } };
}
