import type { Command } from '../domain/commands/parse.ts';
import type { BotContext } from '../context.ts';
import { AppError } from '../domain/errors.ts';
import type { Prisma } from '../store/generated/client.ts';
import type { SlashCommandContext } from './record-command.ts';
import { declareIncident } from './declare-incident.ts';

type Runner<C extends Command> = (ctx: BotContext, tx: Prisma.TransactionClient, command: C, from: SlashCommandContext) => Promise<void>;
type Runners = { [N in Command['name']]?: Runner<Extract<Command, { name: N }>> };

// Commands that record something; each runs in the transaction that marks its command job done.
const RUNNERS: Runners = {
  declare: async (ctx, tx, command, from) => {
    if (!command.title) throw new AppError('BAD_INPUT', 'An incident needs a title.');
    await declareIncident(tx, ctx.clock, {
      title: command.title,
      summary: command.summary,
      severity: command.severity,
      services: command.services,
      isPrivate: command.isPrivate,
      isDrill: command.isDrill,
      declaredBy: from.userId,
      reply: { responseUrl: from.responseUrl, channelId: from.channelId, userId: from.userId },
    });
  },
};

export async function runCommand(ctx: BotContext, tx: Prisma.TransactionClient, command: Command, from: SlashCommandContext) {
  const runner = RUNNERS[command.name] as Runner<Command> | undefined;
  if (!runner) throw new AppError('BAD_INPUT', `\`${command.name}\` does not record anything.`);
  await runner(ctx, tx, command, from);
}
