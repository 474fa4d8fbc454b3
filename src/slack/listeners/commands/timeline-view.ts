import type { RespondFn, webApi } from '@slack/bolt';
import type { KnownBlock } from '@slack/types';
import { readTimeline } from '../../../app/read-timeline.ts';
import { slackProfile } from '../../../app/slack-profile.ts';
import type { BotContext } from '../../../context.ts';
import { incidentRef } from '../../../domain/incident.ts';
import { isAppError } from '../../../domain/errors.ts';
import { timelineMarkdown } from '../../../domain/timeline-markdown.ts';
import { latestPage, timelinePages } from '../../blocks/timeline.ts';

const LATEST_READ = 400;

// `/incident timeline [--all]`, privately, in the reader's time zone. Read-only: nothing recorded.
// A timeline too long for one message shows its latest entries; `--all` sends the reader the whole
// of it as one direct message with the Markdown file attached, never a stream of messages.
export async function showTimeline(
  ctx: BotContext,
  client: webApi.WebClient,
  respond: RespondFn,
  request: { channelId: string; userId: string; all: boolean },
) {
  try {
    // The newest page holds at most 80 entries (latestPage): 400 always decide whether everything
    // fits in one message, and the rest is read only for `--all`, or when 400 happen to fit.
    let { incident, entries, total } = await readTimeline(
      ctx.db,
      request.channelId,
      request.all ? undefined : LATEST_READ,
    );
    const timeZone = await slackProfile(ctx, request.userId).then(
      (p) => p.tz ?? 'UTC',
      () => 'UTC',
    );
    const ref = incidentRef(incident.number);
    const title = `${ref} timeline: ${incident.title}`;
    const web = `${ctx.publicUrl()}/incidents/${incident.number}#timeline`;
    const ephemeral = (blocks: KnownBlock[]) =>
      client.chat.postEphemeral({ channel: request.channelId, user: request.userId, text: title, blocks });
    let pages = timelinePages(title, entries, timeZone);
    if (pages.length === 1 && total > entries.length) {
      ({ entries } = await readTimeline(ctx.db, request.channelId));
      pages = timelinePages(title, entries, timeZone);
    }
    if (pages.length === 1) return void (await ephemeral(pages[0]!));
    if (request.all) {
      const dm = await client.conversations.open({ users: request.userId });
      await client.files.uploadV2({
        channel_id: dm.channel!.id!,
        filename: `${ref}-timeline.md`,
        title: `${ref} timeline`,
        content: timelineMarkdown(entries),
        initial_comment: `The whole timeline of ${ref} (${entries.length} entries), times in UTC. On the web: ${web}`,
      });
      await respond({
        response_type: 'ephemeral',
        text: `I sent you the whole timeline of ${ref} (${entries.length} entries) as a Markdown file in a direct message. On the web: <${web}|the timeline>.`,
      });
      return;
    }
    const { blocks, shown } = latestPage(title, entries, timeZone);
    const more = `The latest ${shown} of ${total} entries. Every one: <${web}|on the web>, or \`/incident timeline --all\` for the Markdown file.`;
    await ephemeral([{ type: 'context', elements: [{ type: 'mrkdwn', text: more }] }, ...blocks]);
  } catch (error) {
    await respond({
      response_type: 'ephemeral',
      text: isAppError(error) ? error.message : 'Sorry, I could not show the timeline just now. Try again in a moment.',
    });
    if (!isAppError(error)) ctx.logger.error({ err: error }, 'timeline view failed');
  }
}
