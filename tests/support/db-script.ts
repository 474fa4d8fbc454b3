// Runs one of the `npm run db:*` scripts the way an operator would, in its own process.
import path from 'node:path';
import { runProcess } from './processes.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');

export async function dbScript(script: string, args: string[], dataDir: string) {
  const { code, output } = await runProcess(
    process.execPath,
    ['--import', 'tsx', path.join(ROOT, 'scripts', script), ...args],
    { cwd: ROOT, env: { PATH: process.env.PATH, DATA_DIR: dataDir } },
  );
  return { code, output };
}
