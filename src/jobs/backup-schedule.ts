// The running bot's backups of the embedded database (config `backup`). Not a queued job: the
// embedded database has one process, and the files on disk say when the last backup was taken.
import { readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { backupFileName, backupsToDelete, nextBackupDue } from '../domain/backups.ts';
import type { Logger } from '../log.ts';

const RETRY_MS = 5 * 60_000;

export type BackupScheduleOptions = {
  dir: string;
  everyMs: number;
  keep: number;
  backup: (file: string) => Promise<{ bytes: number }>;
  logger: Logger;
};

export class BackupSchedule {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = false;

  constructor(private readonly options: BackupScheduleOptions) {}

  async start() {
    const due = nextBackupDue(await this.existing(), new Date(), this.options.everyMs);
    this.options.logger.info({ dir: this.options.dir, due: due.toISOString() }, 'backups scheduled');
    this.arm(due.getTime() - Date.now());
  }

  async stop() {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  // Also what the schedule runs; returns the file written.
  async backupNow(): Promise<string> {
    const file = path.join(this.options.dir, backupFileName(new Date()));
    const started = Date.now();
    const { bytes } = await this.options.backup(file);
    this.options.logger.info({ file, bytes, ms: Date.now() - started }, 'backup written');
    for (const old of backupsToDelete(await this.existing(), this.options.keep)) {
      await rm(path.join(this.options.dir, old), { force: true });
    }
    return file;
  }

  private arm(delayMs: number) {
    if (this.stopped) return;
    // setTimeout's limit is about 24.8 days; a longer wait is taken in steps.
    const wait = Math.max(0, Math.min(delayMs, 2 ** 31 - 1));
    this.timer = setTimeout(() => {
      this.running = this.backupNow().then(
        () => this.arm(this.options.everyMs),
        (error) => {
          this.options.logger.error({ err: error, retryInMs: RETRY_MS }, 'backup failed');
          this.arm(Math.min(RETRY_MS, this.options.everyMs));
        },
      );
    }, wait);
    this.timer.unref();
  }

  private async existing(): Promise<string[]> {
    return readdir(this.options.dir).catch(() => []);
  }
}
