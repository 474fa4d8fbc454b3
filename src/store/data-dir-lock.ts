import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { AppError } from '../domain/errors.ts';

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

// PGlite is one process's database: a second bot on the same directory would corrupt it.
// A lock left by a process that died (SIGKILL) is taken over.
export function lockDataDir(dataDir: string): () => void {
  mkdirSync(dataDir, { recursive: true });
  const lockPath = path.join(dataDir, 'incident-bot.pid');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(lockPath, String(process.pid), { flag: 'wx' });
      return () => rmSync(lockPath, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number(readFileSync(lockPath, 'utf8').trim());
      if (holder && holder !== process.pid && isAlive(holder)) {
        throw new AppError(
          'DATABASE_LOCKED',
          `the embedded database in ${path.resolve(dataDir)} is in use by another incident-bot process (pid ${holder}). ` +
            'Stop that process, give this one another DATA_DIR, or set DATABASE_URL to share a PostgreSQL database between several.',
        );
      }
      rmSync(lockPath, { force: true });
    }
  }
  throw new AppError('DATABASE_LOCKED', `could not lock ${path.resolve(dataDir)}`);
}
