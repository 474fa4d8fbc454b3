// What `npm start` runs: the bot compiled to dist/ (built by the test run's global setup from these
// sources), started as its own process, declares an incident like the TypeScript does.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SlackDriver } from '../fakes/driver.ts';
import { FakeSlack } from '../fakes/slack.ts';
import { waitFor } from '../fakes/wait-for.ts';
import { seedWorkspace } from '../fakes/workspace.ts';
import { backend, createTestDatabase, type TestDatabaseLocation } from '../support/backend.ts';
import { BotProcess, freePort } from '../support/bot-process.ts';
import { SIGNING_SECRET, TEST_CONFIG_FILE } from '../support/test-bot.ts';

describe(`the compiled bot (${backend})`, () => {
  let slack: FakeSlack;
  let location: TestDatabaseLocation;
  let bot: BotProcess;
  beforeAll(async () => {
    slack = await new FakeSlack().start();
    seedWorkspace(slack);
    location = await createTestDatabase(backend, { empty: true });
    bot = new BotProcess(slack, location, await freePort(), TEST_CONFIG_FILE, {}, true);
    await bot.start();
  });
  afterAll(async () => {
    await bot?.stop();
    await slack?.stop();
    await location?.drop();
  });

  it('applies the migrations, answers /healthz and declares an incident', async () => {
    const health = await (await fetch(`${bot.url}/healthz`)).json();
    expect(health).toMatchObject({ ok: true, database: 'reachable' });
    const { ack } = await new SlackDriver(`${bot.url}/slack/events`, SIGNING_SECRET, slack).command(
      'declare Built and running --sev SEV3 --services api',
    );
    expect(ack.status).toBe(200);
    await waitFor(
      () => slack.channelByName('incidents')?.messages.some((m) => m.text.includes('Built and running')),
      'the announcement',
      30_000,
    );
  });
});
