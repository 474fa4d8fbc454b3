import { formatConfigProblems, loadConfig } from './config/index.ts';
import { isAppError } from './domain/errors.ts';
import { createLogger, maskSecrets } from './log.ts';
import { startBot } from './runtime.ts';

const loaded = loadConfig(process.env);
if (!loaded.ok) {
  process.stderr.write(`${formatConfigProblems(loaded.problems)}\n`);
  process.exit(78);
}
const logger = createLogger(loaded.config.LOG_LEVEL);
try {
  // Every accepted command is in the database already: a restart (by systemd, Docker…) carries on.
  const bot = await startBot({ config: loaded.config, logger, onDatabaseFailure: () => process.exit(70) });
  const shutdown = (signal: string) => {
    logger.info({ signal }, 'shutting down');
    bot.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
} catch (error) {
  const message = isAppError(error)
    ? error.message
    : maskSecrets(error instanceof Error ? error.message : String(error));
  process.stderr.write(`incident-bot could not start: ${message}\n`);
  process.exit(1);
}
