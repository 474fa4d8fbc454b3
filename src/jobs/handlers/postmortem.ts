import type { BotContext } from '../../context.ts';
import { incidentRef } from '../../domain/incident.ts';
import { keyFigures } from '../../domain/postmortem/figures.ts';
import { formatSeconds } from '../../domain/postmortem/format.ts';
import { renderPostmortem } from '../../domain/postmortem/render.ts';
import { classifySlackError } from '../../slack/errors.ts';
import { summaryBlocks } from '../../slack/blocks/postmortem-summary.ts';
import { postOnce } from '../../slack/post-once.ts';
import type { Job } from '../../store/generated/client.ts';
import { loadPostmortemRecord } from '../../store/postmortem-record.ts';
import { incidentChartSvg } from '../../charts/incident-chart.ts';
import { svgToPng } from '../../charts/png.ts';
import { RetryLater } from '../errors.ts';
import type { JobOutcome } from '../worker.ts';

// Drafts the postmortem from the record as it is now and posts it: a summary message (key figures,
// action items) and the whole draft as a Markdown file. The file's name carries this job's id, so
// a retry after a lost answer finds the file it already shared instead of sharing a second one.
export async function postPostmortem(ctx: BotContext, job: Job): Promise<JobOutcome> {
  const { incidentId } = job.payload as { incidentId: string };
  const record = await loadPostmortemRecord(ctx.db, incidentId, { lookbackMs: ctx.config.file.changes.lookback });
  const incident = await ctx.db.incident.findUniqueOrThrow({ where: { id: incidentId } });
  if (!incident.channelId) throw new RetryLater('the incident channel does not exist yet');
  const ref = incidentRef(incident.number);
  const markdown = renderPostmortem(record);
  const filename = `${ref}-postmortem-${job.id.slice(0, 8)}.md`;

  const text = `${summary(ref, record)}\nOn the web, with the impact chart: ${ctx.publicUrl()}/incidents/${incident.number}`;
  const chartName = `${ref}-impact-${job.id.slice(0, 8)}.png`;
  const unfiled = record.actionItems.some((a) => a.state !== 'removed' && a.filing === 'unfiled');
  const blocks = unfiled && ctx.linear && ctx.config.file.linear ? summaryBlocks(text, incidentId) : undefined;
  await postOnce(ctx, job, { channel: incident.channelId, text, blocks });
  try {
    const shared =
      job.attempts > 1
        ? new Set(
            ((await ctx.slack.files.list({ channel: incident.channelId, count: 100 })).files ?? []).map((f) => f.name),
          )
        : new Set<string | undefined>();
    if (!shared.has(filename)) {
      await ctx.slack.files.uploadV2({
        channel_id: incident.channelId,
        filename,
        title: `${ref} postmortem draft`,
        content: markdown,
      });
    }
    // The chart people look at instead of reading, when there is an impact to draw.
    if (record.impact.length && !shared.has(chartName)) {
      await ctx.slack.files.uploadV2({
        channel_id: incident.channelId,
        filename: chartName,
        title: `${ref} impact`,
        file: await svgToPng(incidentChartSvg(record, ctx.clock.now())),
      });
    }
  } catch (error) {
    throw classifySlackError(error);
  }
  return { result: { filename, bytes: Buffer.byteLength(markdown) } };
}

function summary(ref: string, record: Awaited<ReturnType<typeof loadPostmortemRecord>>): string {
  const { started, figures } = keyFigures(record.milestones);
  const shown = figures
    .filter((f) => ['detected', 'mitigated', 'resolved'].includes(f.milestone))
    .map((f) => `${f.label.toLowerCase()}: ${f.seconds === null ? 'n/a' : formatSeconds(f.seconds)}`);
  const items = record.actionItems.filter((a) => a.state !== 'removed');
  const filed = items.filter((a) => a.filing === 'filed').length;
  return [
    `:page_facing_up: *Postmortem draft for ${ref}*, generated from the record (the full draft is in the file below; run \`/incident postmortem\` again to regenerate it).`,
    started
      ? `Key figures from impact start: ${shown.join(', ')}.`
      : 'Key figures: n/a until `started` is recorded (`/incident mark started <time>`).',
    `Action items: ${items.length} (${filed} filed in Linear).${items.length > filed ? ' `/incident postmortem file` files the rest.' : ''}`,
  ].join('\n');
}
