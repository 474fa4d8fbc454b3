// Bot processes on one PostgreSQL database, as replicas behind a load balancer, with the fake Slack
// they share and a connection of the test's own to read what they recorded.
import { openDatabase, type Database } from '../../src/store/database.ts';
import { FakeSlack } from '../fakes/slack.ts';
import { seedWorkspace } from '../fakes/workspace.ts';
import { createTestDatabase, type TestDatabaseLocation } from './backend.ts';
import { BotProcess, freePort } from './bot-process.ts';
import { TEST_CONFIG_FILE } from './test-bot.ts';

export type Replicas = {
  slack: FakeSlack;
  location: TestDatabaseLocation;
  bots: BotProcess[];
  // null when not asked for ({ database: false }).
  database: Database | null;
  stop(): Promise<void>;
};

export async function startReplicas(
  options: { count?: number; file?: Record<string, unknown>; start?: boolean; database?: boolean } = {},
): Promise<Replicas> {
  const slack = await new FakeSlack().start();
  seedWorkspace(slack);
  const location = await createTestDatabase();
  const bots: BotProcess[] = [];
  for (let i = 0; i < (options.count ?? 2); i++)
    bots.push(new BotProcess(slack, location, await freePort(), options.file ?? TEST_CONFIG_FILE));
  if (options.start !== false) await Promise.all(bots.map((b) => b.start()));
  const database =
    options.database === false
      ? null
      : await openDatabase({ databaseUrl: location.databaseUrl, dataDir: location.dataDir });
  return {
    slack,
    location,
    bots,
    database,
    async stop() {
      await database?.close();
      await Promise.all(bots.map((b) => b.stop()));
      await slack.stop();
      await location.drop();
    },
  };
}
