// Run by a test as `node --max-old-space-size=64 --import tsx …` (the bot's own cap, made small):
// the embedded database's thread starts with a script holding 200 MB, and prints "ready".
import { PgliteThread } from '../../src/store/pglite-thread.ts';

await PgliteThread.start({
  dir: '/nonexistent',
  startParams: [],
  template: null,
  script: new URL('./big-thread.mjs', import.meta.url),
});
process.stdout.write('ready\n');
process.exit(0);
