import { LogLevel, type Logger as BoltLogger } from '@slack/bolt';
import type { Logger } from '../log.ts';

// Lets Bolt write through our structured (and redacting) logger. Messages are only formatted when
// their level is on: Bolt logs whole request contexts at debug level.
export function boltLogger(logger: Logger): BoltLogger {
  const child = logger.child({ component: 'bolt' });
  const text = (parts: unknown[]) =>
    parts.map((p) => (p instanceof Error ? p.message : typeof p === 'string' ? p : JSON.stringify(p))).join(' ');
  const at =
    (level: 'debug' | 'info' | 'warn' | 'error') =>
    (...parts: unknown[]) => {
      if (child.isLevelEnabled(level)) child[level](text(parts));
    };
  return {
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
    setLevel: () => {},
    getLevel: () => LogLevel.INFO,
    setName: () => {},
  };
}
