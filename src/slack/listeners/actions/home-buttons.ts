import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { servicesOffered } from '../../../app/service-names.ts';
import { issueWebLogin } from '../../../app/web-sessions.ts';
import { isAppError } from '../../../domain/errors.ts';
import { declareModal } from '../../blocks/declare-modal.ts';
import { signInText } from '../../messages/web.ts';
import type { ListenerDeps } from '../deps.ts';

type Args = SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs;

// [Declare an incident] on the Home tab: the declare form; its answer goes to the person directly.
export function homeDeclare(deps: ListenerDeps) {
  return async ({ ack, body, client }: Args) => {
    await ack();
    const { ctx } = deps;
    await client.views.open({
      trigger_id: body.trigger_id,
      view: declareModal(
        ctx.config.file.severities,
        await servicesOffered(ctx.db, ctx.config),
        JSON.stringify({ channelId: body.user.id }),
      ),
    });
  };
}

const notice = (text: string) => ({
  type: 'modal' as const,
  title: { type: 'plain_text' as const, text: 'Web view' },
  close: { type: 'plain_text' as const, text: 'Close' },
  blocks: [{ type: 'section' as const, text: { type: 'mrkdwn' as const, text } }],
});

// [Sign in to the web view]: a one-time link, shown in a modal only this person sees. The modal
// opens at once (the trigger lasts 3 s) and shows the link once it is made.
export function homeWebLink(deps: ListenerDeps) {
  return async ({ ack, body, client }: Args) => {
    await ack();
    const opened = await client.views.open({ trigger_id: body.trigger_id, view: notice('Making your sign-in link…') });
    const text = await issueWebLogin(deps.ctx, { userId: body.user.id, teamId: body.team?.id ?? '' }).then(
      ({ url }) => signInText(url),
      (error) => {
        if (isAppError(error)) return error.message;
        throw error;
      },
    );
    await client.views.update({ view_id: opened.view!.id!, view: notice(text) });
  };
}
