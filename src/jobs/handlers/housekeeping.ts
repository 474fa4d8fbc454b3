import { nextPrune, pruneRecords } from '../../app/prune-records.ts';
import type { BotContext } from '../../context.ts';
import type { JobOutcome } from '../worker.ts';

// Every 6 hours: the records kept to recognise repeats, once no repeat can arrive.
export async function prune(ctx: BotContext): Promise<JobOutcome> {
  const pruned = await pruneRecords(ctx.db, ctx.clock);
  ctx.logger.info({ pruned }, 'pruned records kept for repeats');
  return { result: pruned, followUps: [nextPrune(ctx.clock.now())] };
}
