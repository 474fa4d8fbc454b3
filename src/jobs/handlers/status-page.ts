import type { BotContext } from '../../context.ts';
import { incidentRef } from '../../domain/incident.ts';
import { escapeText } from '../../domain/text.ts';
import { publishResolvedQuestion, statuspagePromptBlocks } from '../../slack/blocks/statuspage-prompt.ts';
import type { Job } from '../../store/generated/client.ts';
import { RetryLater } from '../errors.ts';
import type { JobOutcome } from '../worker.ts';
import { askOnce } from './ask-once.ts';

// "Post a resolved update?" with buttons, unless the public incident was resolved meanwhile.
export async function askToPublishResolved(ctx: BotContext, job: Job): Promise<JobOutcome> {
  const { incidentId } = job.payload as { incidentId: string };
  const incident = await ctx.db.incident.findUniqueOrThrow({
    where: { id: incidentId },
    include: { publicIncident: true },
  });
  const open = incident.publicIncident && !incident.publicIncident.resolvedAt ? incident.publicIncident : null;
  if (!open) return { result: { skipped: 'no open public incident' } };
  if (!incident.channelId) throw new RetryLater('the incident channel does not exist yet');
  const question = publishResolvedQuestion(incidentRef(incident.number), open.title);
  return askOnce(ctx, job, {
    incidentId,
    kind: 'statuspage',
    trigger: 'ended',
    channel: incident.channelId,
    text: question,
    blocks: (id) => statuspagePromptBlocks(id, escapeText(question)),
  });
}
