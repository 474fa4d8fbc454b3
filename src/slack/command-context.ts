import type { Config } from '../config/index.ts';
import type { CommandContext } from '../domain/commands/command-context.ts';

export function commandContext(config: Config): CommandContext {
  return { severities: config.file.severities.map((s) => s.id), services: config.file.services.map((s) => s.id) };
}
