import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { z } from 'zod';
import { enqueue } from '../../../jobs/queue.ts';
import type { ListenerDeps } from '../deps.ts';

type Args = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;

const ZMetadata = z.object({ channel: z.string().min(1), ts: z.string().regex(/^\d+\.\d+$/) });
const ZNote = z.object({ note: z.object({ value: z.object({ value: z.string().nullish() }) }).optional() });

export function addToTimelineNote(deps: ListenerDeps) {
  return async ({ ack, body, view }: Args) => {
    const metadata = ZMetadata.safeParse(JSON.parse(view.private_metadata || '{}'));
    const state = ZNote.safeParse(view.state.values);
    const { ctx, worker } = deps;
    const incident = metadata.success
      ? await ctx.db.incident.findUnique({ where: { channelId: metadata.data.channel } })
      : null;
    if (!metadata.success || !state.success || !incident) {
      await ack({
        response_action: 'errors',
        errors: { note: 'This message can no longer be added: its incident channel was not found.' },
      });
      return;
    }
    const note = (state.data.note?.value.value ?? '').trim();
    const payload = {
      incidentId: incident.id,
      channel: metadata.data.channel,
      ts: metadata.data.ts,
      addedBy: body.user.id,
      source: 'shortcut',
      note,
    };
    // Recorded before the form closes: an accepted submission is never lost.
    await ctx.db.$transaction((tx) =>
      enqueue(tx, ctx.clock.now(), [{ kind: 'timeline.capture_message', incidentId: incident.id, payload }]),
    );
    await ack();
    worker.kick();
  };
}
