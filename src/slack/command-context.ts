import type { Config } from '../config/index.ts';
import type { CommandContext } from '../domain/commands/command-context.ts';

export function commandContext(config: Config): CommandContext {
  const { services } = config.file;
  return {
    severities: config.file.severities.map((s) => s.id),
    services: services.map((s) => s.id),
    statusComponents: {
      visible: services.filter((s) => s.status_page).map((s) => s.id),
      hidden: services.filter((s) => !s.status_page).map((s) => s.id),
    },
  };
}
