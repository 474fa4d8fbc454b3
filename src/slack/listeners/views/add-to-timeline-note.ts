import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { z } from 'zod';
import { addMessageToTimeline } from '../../../app/add-message-to-timeline.ts';
import type { ListenerDeps } from '../deps.ts';

type Args = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;

const ZMetadata = z.object({ channel: z.string().min(1), ts: z.string().regex(/^\d+\.\d+$/) });
const ZNote = z.object({ note: z.object({ value: z.object({ value: z.string().nullish() }) }).optional() });
const NOT_FOUND = 'This message can no longer be added: its incident channel was not found.';

const parseJson = (text: string): unknown => {
  try {
    return JSON.parse(text || '{}');
  } catch {
    return null;
  }
};

export function addToTimelineNote(deps: ListenerDeps) {
  return async ({ ack, body, view }: Args) => {
    const { ctx, worker } = deps;
    const metadata = ZMetadata.safeParse(parseJson(view.private_metadata));
    const state = ZNote.safeParse(view.state.values);
    // Recorded before the form closes: an accepted submission is never lost.
    const added =
      metadata.success &&
      state.success &&
      (await addMessageToTimeline({
        db: ctx.db,
        clock: ctx.clock,
        channel: metadata.data.channel,
        ts: metadata.data.ts,
        addedBy: body.user.id,
        source: 'shortcut',
        note: (state.data.note?.value.value ?? '').trim(),
      }));
    if (!added) {
      await ack({ response_action: 'errors', errors: { note: NOT_FOUND } });
      return;
    }
    await ack();
    worker.kick();
  };
}
