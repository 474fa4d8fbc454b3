import type { KnownBlock } from '@slack/types';
import type { BotContext } from '../../context.ts';
import { postOnce } from '../../slack/post-once.ts';
import type { Job } from '../../store/generated/client.ts';
import type { JobOutcome } from '../worker.ts';

export type Question = {
  incidentId: string;
  kind: string;
  trigger: string;
  channel: string;
  text: string;
  blocks: (promptId: string) => KnownBlock[];
};

// Posts a question with buttons, unless one of its kind is still waiting for an answer. The
// prompt's id is this job's id, so the buttons can name it before the row exists.
export async function askOnce(ctx: BotContext, job: Job, q: Question): Promise<JobOutcome> {
  const open = await ctx.db.prompt.findFirst({ where: { incidentId: q.incidentId, kind: q.kind, answeredAt: null } });
  if (open) return { result: { skipped: 'already asked' } };
  const ts = await postOnce(ctx, job, { channel: q.channel, text: q.text, blocks: q.blocks(job.id) });
  const now = ctx.clock.now();
  return {
    apply: async (tx) =>
      void (await tx.prompt.create({
        data: { id: job.id, incidentId: q.incidentId, kind: q.kind, trigger: q.trigger, askedAt: now, messageTs: ts },
      })),
  };
}
