import type { RespondFn } from '@slack/bolt';
import { slackProfile } from '../../../app/slack-profile.ts';
import { addWebhook, forgetEmail, listSubscribers, removeWebhook } from '../../../app/subscribers-in-slack.ts';
import type { BotContext } from '../../../context.ts';
import type { SubscribersCommand } from '../../../domain/commands/subscribers-command.ts';
import { isAppError } from '../../../domain/errors.ts';
import { escapeText } from '../../../domain/text.ts';
import { subscriberListText, webhookAddedText } from '../../messages/subscribers.ts';

// `/incident subscribers …`, answered privately and at once: never recorded as a job, so a new
// webhook's secret and an address to forget are kept nowhere but where they belong.
export async function answerSubscribers(
  ctx: BotContext,
  respond: RespondFn,
  userId: string,
  command: SubscribersCommand,
): Promise<void> {
  const text = await subscribersAnswer(ctx, userId, command).catch((error) => {
    if (isAppError(error)) return error.message;
    ctx.logger.error({ err: error, command: command.name }, 'subscribers command failed');
    return 'Sorry, I could not do that just now. Try again in a moment.';
  });
  await respond({ response_type: 'ephemeral', text });
}

async function subscribersAnswer(ctx: BotContext, userId: string, command: SubscribersCommand): Promise<string> {
  const profile = await slackProfile(ctx, userId);
  const actor = { actorId: userId, actorEmail: profile.email, profile };
  const ports = { db: ctx.db, clock: ctx.clock, config: ctx.config };
  switch (command.name) {
    case 'subscribers_list':
      return subscriberListText(await listSubscribers({ ...ports, emailEnabled: !!ctx.mailer }, actor));
    case 'subscribers_add_webhook': {
      const added = await addWebhook(ports, actor, { url: command.url, components: command.components });
      return webhookAddedText(added.id, added.host, added.secret);
    }
    case 'subscribers_remove':
      return `Webhook \`${escapeText(command.id)}\` to ${escapeText(await removeWebhook(ports, actor, command.id))} removed: it gets nothing more.`;
    case 'subscribers_forget':
      return (await forgetEmail(ports, actor, command.email))
        ? 'That address is erased, with anything still to be sent to it.'
        : 'No subscriber has that address: nothing is kept of it.';
  }
}
