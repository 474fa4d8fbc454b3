import { describe, expect, it } from 'vitest';
import { backupFileName, backupsToDelete, backupTime, nextBackupDue } from '../../src/domain/backups.ts';

const at = (iso: string) => new Date(iso);
const HOUR = 3_600_000;

describe('backup schedule', () => {
  it('names a backup after its start time and reads it back to the millisecond', () => {
    const name = backupFileName(at('2026-12-01T15:30:07.042Z'));
    expect(name).toBe('incident-bot-2026-12-01T15-30-07-042Z.tar.gz');
    expect(backupTime(name)?.toISOString()).toBe('2026-12-01T15:30:07.042Z');
    expect(backupTime('incident-bot-latest.tar.gz')).toBeNull();
    expect(backupTime(`${name}.partial`)).toBeNull();
  });

  it('is due `every` after the newest backup, at once when that is past, and soon after a first start', () => {
    const now = at('2026-12-01T12:00:00.000Z');
    const names = [backupFileName(at('2026-11-30T20:00:00.000Z')), backupFileName(at('2026-12-01T06:00:00.000Z'))];
    expect(nextBackupDue(names, now, 24 * HOUR).toISOString()).toBe('2026-12-02T06:00:00.000Z');
    expect(nextBackupDue(names, now, 2 * HOUR).toISOString()).toBe(now.toISOString());
    expect(nextBackupDue([], now, 24 * HOUR).toISOString()).toBe('2026-12-01T12:01:00.000Z');
    expect(nextBackupDue(['notes.txt'], now, 2_000).toISOString()).toBe('2026-12-01T12:00:02.000Z');
  });

  it('keeps the newest `keep` backups and never deletes other files', () => {
    const names = ['01', '03', '02', '04'].map((d) => backupFileName(at(`2026-12-${d}T00:00:00.000Z`)));
    const deleted = backupsToDelete([...names, 'my-copy.tar.gz'], 2);
    expect(deleted).toEqual([names[2], names[0]]);
    expect(backupsToDelete(names, 7)).toEqual([]);
  });
});
