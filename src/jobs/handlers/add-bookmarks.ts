import type { BotContext } from '../../context.ts';
import { classifySlackError } from '../../slack/errors.ts';
import type { Job } from '../../store/generated/client.ts';
import type { JobOutcome } from '../worker.ts';

// The configured links, bookmarked in the incident channel. Existing bookmarks are listed first so
// a retry after a lost answer adds only what is missing.
export async function addBookmarks(ctx: BotContext, job: Job): Promise<JobOutcome> {
  const { incidentId } = job.payload as { incidentId: string };
  const incident = await ctx.db.incident.findUniqueOrThrow({ where: { id: incidentId } });
  const channel = incident.channelId!;
  try {
    const existing = await ctx.slack.bookmarks.list({ channel_id: channel });
    const present = new Set((existing.bookmarks ?? []).map((b) => b.link));
    for (const bookmark of ctx.config.file.bookmarks) {
      if (present.has(bookmark.url)) continue;
      await ctx.slack.bookmarks.add({ channel_id: channel, title: bookmark.title, type: 'link', link: bookmark.url });
    }
  } catch (error) {
    throw classifySlackError(error);
  }
  return {};
}
