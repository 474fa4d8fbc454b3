import type { RespondFn, webApi } from '@slack/bolt';
import { readTimeline } from '../../../app/read-timeline.ts';
import { slackProfile } from '../../../app/slack-profile.ts';
import type { BotContext } from '../../../context.ts';
import { incidentRef } from '../../../domain/incident.ts';
import { isAppError } from '../../../domain/errors.ts';
import { latestPage, timelinePages } from '../../blocks/timeline.ts';

// `/incident timeline [--all]`, privately, in the reader's time zone. Read-only: nothing recorded.
export async function showTimeline(
  ctx: BotContext,
  client: webApi.WebClient,
  respond: RespondFn,
  request: { channelId: string; userId: string; all: boolean },
) {
  try {
    const { incident, entries } = await readTimeline(ctx.db, request.channelId);
    const timeZone = await slackProfile(ctx, request.userId).then(
      (p) => p.tz ?? 'UTC',
      () => 'UTC',
    );
    const title = `${incidentRef(incident.number)} timeline: ${incident.title}`;
    let pages = timelinePages(title, entries, timeZone);
    if (!request.all && pages.length > 1) {
      pages = [latestPage(title, entries, timeZone)];
      pages[0]!.unshift({
        type: 'context',
        elements: [
          {
            type: 'mrkdwn',
            text: `Latest entries of ${entries.length}. \`/incident timeline --all\` shows every one.`,
          },
        ],
      });
    }
    for (const blocks of pages) {
      await client.chat.postEphemeral({ channel: request.channelId, user: request.userId, text: title, blocks });
    }
  } catch (error) {
    await respond({
      response_type: 'ephemeral',
      text: isAppError(error) ? error.message : 'Sorry, I could not show the timeline just now. Try again in a moment.',
    });
    if (!isAppError(error)) ctx.logger.error({ err: error }, 'timeline view failed');
  }
}
