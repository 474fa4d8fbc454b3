import type { AllMiddlewareArgs } from '@slack/bolt';
import { readHome } from '../../../app/read-home.ts';
import type { BotContext } from '../../../context.ts';
import { homeView } from '../../blocks/home.ts';

// Builds and publishes one person's Home tab as things stand now.
export async function publishHome(ctx: BotContext, client: AllMiddlewareArgs['client'], userId: string) {
  const home = await readHome(ctx, userId);
  await client.views.publish({ user_id: userId, view: homeView(home, ctx.clock.now(), ctx.publicUrl()) });
}
