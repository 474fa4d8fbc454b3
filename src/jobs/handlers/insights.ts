import { nextDigest } from '../../app/insights-digest.ts';
import { readInsights } from '../../app/read-insights.ts';
import { weeklySvg } from '../../charts/insights-charts.ts';
import { svgToPng } from '../../charts/png.ts';
import type { BotContext } from '../../context.ts';
import { lastDays } from '../../domain/insights/period.ts';
import { insightsQueryString } from '../../domain/insights/query.ts';
import { insightsSummaryText } from '../../slack/messages/insights.ts';
import { classifySlackError } from '../../slack/errors.ts';
import { postOnce } from '../../slack/post-once.ts';
import type { Job } from '../../store/generated/client.ts';
import type { JobOutcome } from '../worker.ts';
import { configuredChannel } from './announce.ts';

const DAY_MS = 86_400_000;
// The chart shows the last twelve weeks, so this week reads against the ones before it.
const CHART_DAYS = 84;

// The digest (config `insights`): the period since the last one in a few lines, and the weekly
// chart as a PNG. Posted once (postOnce; the file looked for before a second upload); private
// incidents counted, never named.
export async function digest(ctx: BotContext, job: Job): Promise<JobOutcome> {
  const { digest_channel: configured, every } = ctx.config.file.insights;
  const now = ctx.clock.now();
  const channel = await configuredChannel(ctx, configured);
  if (!channel) return { result: { skipped: 'no digest channel' } };
  // From when the previous digest was due to now: consecutive digests cover time without a gap,
  // however late a worker picks one up.
  const period = { from: new Date(job.runAt.getTime() - every), to: now };
  const days = Math.max(1, Math.round((now.getTime() - period.from.getTime()) / DAY_MS));
  const filters = { severity: null, service: null };
  const insights = await readInsights(ctx, period, filters, null);
  const url = `${ctx.publicUrl()}/insights${insightsQueryString({ period: lastDays(now, CHART_DAYS), filters })}`;
  const text = insightsSummaryText(insights, `Incident digest: the last ${days} day${days === 1 ? '' : 's'}`, url);
  const ts = await postOnce(ctx, job, { channel, text });
  const filename = `incidents-by-week-${now.toISOString().slice(0, 10)}-${job.id.slice(0, 8)}.png`;
  try {
    const shared =
      job.attempts > 1
        ? new Set(((await ctx.slack.files.list({ channel, count: 100 })).files ?? []).map((f) => f.name))
        : new Set<string | undefined>();
    if (!shared.has(filename)) {
      const chart = await readInsights(ctx, lastDays(now, CHART_DAYS), filters, null);
      await ctx.slack.files.uploadV2({
        channel_id: channel,
        thread_ts: ts,
        filename,
        title: 'Incidents a week by severity (last 12 weeks)',
        file: await svgToPng(weeklySvg(chart)),
      });
    }
  } catch (error) {
    throw classifySlackError(error);
  }
  // The next is due a period after this one was, not after it ran: no drift.
  const next = nextDigest(job.runAt, every);
  if (next.runAt! <= now) next.runAt = new Date(now.getTime() + every);
  return { result: { ts, incidents: insights.incidents }, followUps: [next] };
}
