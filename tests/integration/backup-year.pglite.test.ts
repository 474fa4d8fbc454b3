// Backups of a year of data (bench/year-data.ts: 2,000 incidents, 200,000 timeline entries…) on the
// embedded database, whose dump holds PGlite's one session for about ten seconds: commands that
// arrive meanwhile are journaled and acknowledged at once, never refused, and applied right after
// the dump; a bot killed mid-dump applies its journal when it restarts. Nothing lost or doubled.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateYear, YEAR } from '../../bench/year-data.ts';
import { backupTime } from '../../src/domain/backups.ts';
import { openDatabase } from '../../src/store/database.ts';
import { journalFile } from '../../src/store/write-journal.ts';
import { SlackDriver } from '../fakes/driver.ts';
import { FakeSlack } from '../fakes/slack.ts';
import { seedWorkspace } from '../fakes/workspace.ts';
import { createTestDatabase, type TestDatabaseLocation } from '../support/backend.ts';
import { BotProcess, freePort } from '../support/bot-process.ts';
import { SIGNING_SECRET } from '../support/test-bot.ts';

const API = 'year-reader';
const SERVICES = Array.from({ length: YEAR.services }, (_, i) => ({ id: `svc-${String(i + 1).padStart(2, '0')}` }));
// The first backup starts with the bot; the next one 20 s after the first is written.
const FILE = { services: SERVICES, backup: { every: '20s', keep: 2 } };

describe('backups of a year of data', () => {
  let slack: FakeSlack;
  let location: TestDatabaseLocation;
  let bot: BotProcess;
  beforeAll(async () => {
    slack = await new FakeSlack().start();
    seedWorkspace(slack);
    location = await createTestDatabase('pglite');
    const database = await openDatabase({ dataDir: location.dataDir });
    await generateYear(database.prisma, new Date());
    await database.close();
    bot = new BotProcess(slack, location, await freePort(), FILE, { API_TOKENS: API });
  }, 120_000);
  afterAll(async () => {
    await bot?.stop();
    await slack?.stop();
    await location?.drop();
  });

  const backups = () => {
    const dir = path.join(location.dataDir, 'backups');
    return existsSync(dir) ? readdirSync(dir).filter(backupTime) : [];
  };
  const titles = async () => {
    const response = await fetch(`${bot.url}/api/v1/incidents`, { headers: { authorization: `Bearer ${API}` } });
    return ((await response.json()) as { incidents: { title: string }[] }).incidents.map((i) => i.title);
  };

  it('never refuses a command during the dump, and a kill mid-dump loses and doubles none', async () => {
    await bot.start();
    const driver = new SlackDriver(`${bot.url}/slack/events`, SIGNING_SECRET, slack);
    const journal = journalFile(location.dataDir);
    const sent: string[] = [];
    const acknowledged: string[] = [];
    let journaledSeen = 0;
    let stop = false;
    // Someone declaring every 200 ms, on a machine also running the rest of the tests.
    const declaring = (async () => {
      for (let n = 1; !stop; n++) {
        const title = `Year load ${n}`;
        sent.push(title);
        // A request the kill cut off was never acknowledged.
        const answer = await driver.command(`declare ${title} --sev SEV3`).catch(() => null);
        if (answer?.ack.status === 200) {
          expect(String(answer.ack.json?.text ?? ''), title).not.toContain('nothing was saved');
          acknowledged.push(title);
        }
        await new Promise((r) => setTimeout(r, 200));
      }
    })();
    const watchJournal = () => {
      const lines = existsSync(journal) ? readFileSync(journal, 'utf8').split('\n').length - 1 : 0;
      journaledSeen = Math.max(journaledSeen, lines);
      return lines;
    };
    try {
      // The first backup: commands arrive during the dump (journaled), none is refused.
      const gaveUp = Date.now() + 90_000;
      while (!backups().length) {
        watchJournal();
        if (Date.now() > gaveUp) throw new Error('no backup of the year within 90 s');
        await new Promise((r) => setTimeout(r, 20));
      }
      expect(journaledSeen).toBeGreaterThan(0);
      // The second backup: killed the moment a command is journaled during its dump.
      journaledSeen = 0;
      while (watchJournal() === 0) {
        if (Date.now() > gaveUp + 60_000) throw new Error('no second backup within 60 s');
        await new Promise((r) => setTimeout(r, 5));
      }
      await bot.kill();
    } finally {
      stop = true;
      await declaring;
    }
    expect(existsSync(journal)).toBe(true);

    await bot.start();
    expect(existsSync(journal)).toBe(false);
    await bot.drained(120_000);
    const found = (await titles()).filter((t) => t.startsWith('Year load '));
    for (const title of acknowledged)
      expect(
        found.filter((t) => t === title),
        title,
      ).toHaveLength(1);
    expect(new Set(found).size).toBe(found.length);
    expect(found.every((t) => sent.includes(t))).toBe(true);
    expect(acknowledged.length).toBeGreaterThan(20);
  }, 300_000);
});
