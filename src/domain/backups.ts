// Which backups of the embedded database exist, when the next is due and which to delete. The files
// themselves are the schedule's memory: a bot restarted every few hours still backs up once a day.
const PREFIX = 'incident-bot-';
const SUFFIX = '.tar.gz';

export function backupFileName(at: Date): string {
  return `${PREFIX}${at.toISOString().replaceAll(':', '-').replace('.', '-')}${SUFFIX}`;
}

export function backupTime(fileName: string): Date | null {
  const m = /^incident-bot-(\d{4}-\d{2}-\d{2})T(\d{2})-(\d{2})-(\d{2})-(\d{3})Z\.tar\.gz$/.exec(fileName);
  if (!m) return null;
  const at = new Date(`${m[1]}T${m[2]}:${m[3]}:${m[4]}.${m[5]}Z`);
  return Number.isNaN(at.getTime()) ? null : at;
}

// The first backup of a bot that has none comes shortly after start, not in the middle of it.
export function nextBackupDue(fileNames: string[], now: Date, everyMs: number): Date {
  const times = fileNames.map(backupTime).filter((t): t is Date => t !== null);
  if (times.length === 0) return new Date(now.getTime() + Math.min(everyMs, 60_000));
  const newest = Math.max(...times.map((t) => t.getTime()));
  return new Date(Math.max(now.getTime(), newest + everyMs));
}

// Files that are not backups by name (a copy someone put there) are never deleted.
export function backupsToDelete(fileNames: string[], keep: number): string[] {
  return fileNames
    .filter((name) => backupTime(name) !== null)
    .sort()
    .reverse()
    .slice(keep);
}
