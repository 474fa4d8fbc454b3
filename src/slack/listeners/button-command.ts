import { recordCommand, type SlashCommandContext } from '../../app/record-command.ts';
import type { Command } from '../../domain/commands/parse.ts';
import type { ListenerDeps } from './deps.ts';

// A button is a command like a typed one: recorded (a millisecond or two) before Slack is told it
// was received, so a press Slack showed as accepted survives a crash, then carried out at once.
export async function runButtonCommand(
  deps: ListenerDeps,
  ack: () => Promise<void>,
  command: Command,
  context: SlashCommandContext,
) {
  const jobId = await recordCommand(deps.ctx, command, context);
  await ack();
  await deps.worker.runNow(jobId);
  return jobId;
}
