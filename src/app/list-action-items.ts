import type { BotContext } from '../context.ts';

// The incident of a channel with its action items, for `/incident actions`; null elsewhere.
export function incidentWithItems(ctx: BotContext, channelId: string) {
  return ctx.db.incident.findUnique({ where: { channelId }, include: { actionItems: { orderBy: { seq: 'asc' } } } });
}
