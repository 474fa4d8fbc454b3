import type { AllMiddlewareArgs, SlackOptionsMiddlewareArgs } from '@slack/bolt';
import { searchServices } from '../../../app/service-names.ts';
import { serviceOption } from '../../blocks/declare-modal.ts';
import type { ListenerDeps } from '../deps.ts';

type Args = SlackOptionsMiddlewareArgs<'block_suggestion'> & AllMiddlewareArgs;

// The declare form's service picker for a catalog over 100 services: the services matching what
// was typed. Slack waits 3 s for the answer, and an empty list beats none.
export function servicesMenuOptions(deps: ListenerDeps) {
  return async ({ ack, payload }: Args) => {
    const found = await searchServices(deps.ctx.db, deps.ctx.config, payload.value ?? '').catch((error) => {
      deps.ctx.logger.error({ err: error }, 'service search failed');
      return [];
    });
    await ack({ options: found.map(serviceOption) });
  };
}
