// Backups of the embedded database: the running bot writes them on its schedule while commands keep
// arriving; one restored into an empty DATA_DIR starts a bot that has every incident committed
// before that backup began.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backupTime } from '../../src/domain/backups.ts';
import { journalFile } from '../../src/store/write-journal.ts';
import { SlackDriver } from '../fakes/driver.ts';
import { FakeSlack } from '../fakes/slack.ts';
import { seedWorkspace } from '../fakes/workspace.ts';
import { createTestDatabase, type TestDatabaseLocation } from '../support/backend.ts';
import { BotProcess, freePort } from '../support/bot-process.ts';
import { dbScript } from '../support/db-script.ts';
import { SIGNING_SECRET } from '../support/test-bot.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const API = 'backup-reader';
const FILE = { services: [{ id: 'api' }], backup: { every: '2s', keep: 3 } };

describe('backups of the embedded database', () => {
  let slack: FakeSlack;
  let original: TestDatabaseLocation;
  let restored: TestDatabaseLocation;
  let bot: BotProcess;
  let restoredBot: BotProcess;

  beforeAll(async () => {
    slack = await new FakeSlack().start();
    seedWorkspace(slack);
    original = await createTestDatabase('pglite');
    restored = await createTestDatabase('pglite', { empty: true });
    bot = new BotProcess(slack, original, await freePort(), FILE, { API_TOKENS: API });
    restoredBot = new BotProcess(slack, restored, await freePort(), FILE, { API_TOKENS: API });
  });
  afterAll(async () => {
    await bot?.stop();
    await restoredBot?.stop();
    await slack?.stop();
    await original?.drop();
    await restored?.drop();
  });

  const backupsDir = () => path.join(original.dataDir, 'backups');
  const backups = () => (existsSync(backupsDir()) ? readdirSync(backupsDir()).filter(backupTime).sort() : []);
  const titles = async (target: BotProcess) => {
    const response = await fetch(`${target.url}/api/v1/incidents`, { headers: { authorization: `Bearer ${API}` } });
    const body = (await response.json()) as { incidents: { title: string }[] };
    return body.incidents.map((i) => i.title);
  };

  it('a backup taken while commands arrive restores with every incident committed before it began', async () => {
    await bot.start();
    const driver = new SlackDriver(`${bot.url}/slack/events`, SIGNING_SECRET, slack);
    const acknowledged: { title: string; at: number }[] = [];
    // Declares every 150 ms until the schedule has written three backups after the first declare.
    const firstDeclare = Date.now();
    while (backups().filter((b) => backupTime(b)!.getTime() > firstDeclare).length < 3) {
      const title = `Load ${acknowledged.length + 1}`;
      const { ack } = await driver.command(`declare ${title} --sev SEV3`);
      expect(ack.status).toBe(200);
      // A backup holds the database for a moment; a command arriving then still gets recorded.
      expect(String(ack.json?.text ?? '')).not.toContain('nothing was saved');
      acknowledged.push({ title, at: Date.now() });
      expect(Date.now() - firstDeclare).toBeLessThan(60_000);
      await new Promise((r) => setTimeout(r, 150));
    }
    await bot.stop();
    const files = backups();
    expect(files.length).toBeLessThanOrEqual(3);
    expect(files.every((f) => backupTime(f))).toBe(true);

    // The newest backup began while declares were still arriving: some were committed before it, some after.
    const chosen = files.at(-1)!;
    const began = backupTime(chosen)!.getTime();
    const before = acknowledged.filter((a) => a.at < began).map((a) => a.title);
    expect(before.length).toBeGreaterThan(0);

    const restore = await dbScript('db-restore.ts', [path.join(backupsDir(), chosen)], restored.dataDir);
    expect(restore.output).toContain('restored');
    expect(restore.code).toBe(0);
    await restoredBot.start();
    await restoredBot.drained();
    const found = await titles(restoredBot);
    expect(found).toEqual(expect.arrayContaining(before));
    // Nothing appears that was never declared.
    expect(found.every((t) => acknowledged.some((a) => a.title === t))).toBe(true);
    await restoredBot.stop();
  }, 120_000);

  it('a bot killed mid-backup refuses, loses and duplicates no command: its journal is applied when it restarts', async () => {
    const location = await createTestDatabase('pglite');
    const victim = new BotProcess(slack, location, await freePort(), FILE, { API_TOKENS: API });
    try {
      await victim.start();
      const driver = new SlackDriver(`${victim.url}/slack/events`, SIGNING_SECRET, slack);
      const journal = journalFile(location.dataDir);
      const acknowledged: string[] = [];
      const sent: string[] = [];
      let killed = false;
      // Someone declaring every 100 ms: a dump (a few hundred ms) sees one or more arrive.
      const declaring = (async () => {
        for (let n = 1; !killed; n++) {
          const title = `Crash ${n}`;
          sent.push(title);
          // A request the kill cut off was never acknowledged.
          const answer = await driver.command(`declare ${title} --sev SEV3`).catch(() => null);
          if (answer?.ack.status === 200) {
            expect(String(answer.ack.json?.text ?? '')).not.toContain('nothing was saved');
            acknowledged.push(title);
          }
          await new Promise((r) => setTimeout(r, 100));
        }
      })();
      // Killed the moment a whole journaled command is on disk: the backup is under way (the
      // journal is removed once it is applied). Within 60 s: a backup every 2 s.
      const gaveUp = Date.now() + 60_000;
      let journaled = '';
      while (!killed) {
        journaled = existsSync(journal) ? readFileSync(journal, 'utf8') : '';
        if (journaled.includes('\n')) {
          await victim.kill();
          killed = true;
        } else if (Date.now() > gaveUp) {
          killed = true;
          throw new Error('no command arrived during a backup in 60 s');
        } else await new Promise((r) => setTimeout(r, 5));
      }
      await declaring;
      expect(existsSync(journal)).toBe(true);
      expect(acknowledged.length).toBeGreaterThan(0);

      await victim.start();
      expect(existsSync(journal)).toBe(false);
      await victim.drained();
      const found = await titles(victim);
      for (const title of acknowledged)
        expect(
          found.filter((t) => t === title),
          title,
        ).toHaveLength(1);
      // Nothing appears twice or that was never sent (one the kill cut off may or may not be there).
      expect(new Set(found).size).toBe(found.length);
      expect(found.every((t) => sent.includes(t))).toBe(true);
    } finally {
      await victim.stop();
      await location.drop();
    }
  }, 120_000);

  it('db:backup refuses while the bot runs, writes a backup once it stopped; db:restore refuses a used DATA_DIR', async () => {
    await bot.start();
    const file = path.join(original.dataDir, 'manual.tar.gz');
    const refused = await dbScript('db-backup.ts', [file], original.dataDir);
    expect(refused.code).toBe(1);
    expect(refused.output).toContain('in use by another incident-bot process');
    await bot.drained();
    const countBefore = (await titles(bot)).length;
    await bot.stop();

    const written = await dbScript('db-backup.ts', [file], original.dataDir);
    expect(written.output).toMatch(/wrote .*manual\.tar\.gz \(\d+ bytes\)/);
    expect(written.code).toBe(0);

    const fresh = await createTestDatabase('pglite', { empty: true });
    try {
      const notABackup = await dbScript('db-restore.ts', [path.join(ROOT, 'package.json')], fresh.dataDir);
      expect(notABackup.code).toBe(1);
      expect(notABackup.output).toContain('is not a backup of the embedded database');
      expect((await dbScript('db-restore.ts', [file], fresh.dataDir)).code).toBe(0);
      const again = await dbScript('db-restore.ts', [file], fresh.dataDir);
      expect(again.code).toBe(1);
      expect(again.output).toContain('is not empty; restore into an empty DATA_DIR');
      const third = new BotProcess(slack, fresh, await freePort(), FILE, { API_TOKENS: API });
      await third.start();
      expect(await titles(third)).toHaveLength(countBefore);
      await third.stop();
    } finally {
      await fresh.drop();
    }
  }, 120_000);
});
