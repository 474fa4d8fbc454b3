import type { BotContext } from '../../context.ts';
import type { Worker } from '../../jobs/worker.ts';

export type ListenerDeps = { ctx: BotContext; worker: Worker };
