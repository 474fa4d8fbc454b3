// Two bot processes on one PostgreSQL database: a maintenance's timers move it once, and the
// announcements channel is told of each step once, whichever replica's worker runs them.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SlackDriver } from '../fakes/driver.ts';
import { waitFor } from '../fakes/wait-for.ts';
import { backend } from '../support/backend.ts';
import { type Replicas, startReplicas } from '../support/replicas.ts';
import { SIGNING_SECRET, TEST_CONFIG_FILE } from '../support/test-bot.ts';

const FILE = {
  ...TEST_CONFIG_FILE,
  announcements_channel: 'incidents',
  status_page: { title: 'Acme Status' },
};
const isoSeconds = (ms: number) => new Date(ms).toISOString().replace(/\.\d+Z$/, 'Z');

// Runs in the postgres project only (vitest.config.ts): PGlite is one process's database.
describe(`maintenance timers across two bot processes (${backend})`, () => {
  let replicas: Replicas;
  beforeEach(async () => {
    replicas = await startReplicas({ file: FILE });
  });
  afterEach(() => replicas?.stop());

  it('moves it to in progress and completed once, told once each', async () => {
    const service = (FILE.services as { id: string }[])[0]!.id;
    // A few seconds ahead, so the real clocks of both processes reach it during the test; 4 s
    // between the steps leaves room for a loaded machine's polling (each worker polls every second).
    const start = Date.now() + 5_000;
    const { bots, slack } = replicas;
    const database = replicas.database!;
    const driver = new SlackDriver(`${bots[0]!.url}/slack/events`, SIGNING_SECRET, slack);
    const { ack } = await driver.command(
      `maintenance schedule --services ${service} --from ${isoSeconds(start)} --to ${isoSeconds(start + 4_000)} --title "Replica check" Testing timers.`,
      { channel: 'C0GENERAL', user: 'U0BOB0001' },
    );
    expect(ack.status).toBe(200);
    const done = await waitFor(
      () => database.prisma.maintenance.findFirst({ where: { title: 'Replica check', status: 'completed' } }),
      'the maintenance completed',
      40_000,
    );
    await Promise.all(bots.map((b) => b.drained()));
    const updates = await database.prisma.maintenanceUpdate.findMany({
      where: { maintenanceId: done.id },
      orderBy: { createdAt: 'asc' },
    });
    expect(updates.map((u) => u.status)).toEqual(['scheduled', 'in_progress', 'completed']);
    const told = slack.channels.get('C0INCIDNT')!.messages.map((m) => m.text ?? '');
    expect(told.filter((text) => text.includes('“Replica check”') && text.includes('is in progress'))).toHaveLength(1);
    expect(told.filter((text) => text.includes('“Replica check”') && text.includes('is completed'))).toHaveLength(1);
    expect(told.filter((text) => text.includes('“Replica check”') && text.includes('scheduled by'))).toHaveLength(1);
  });
});
