import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backend } from '../support/backend.ts';
import { startTestBot, waitFor, type TestBot } from '../support/test-bot.ts';

describe(`commands are carried out right after the acknowledgement (${backend})`, () => {
  let t: TestBot;
  // No polling worker: only the listener's own run of the recorded command can declare.
  beforeAll(async () => {
    t = await startTestBot({ startWorker: false });
  });
  afterAll(() => t?.stop());

  it('records the incident and queues the room without waiting for a poll', async () => {
    await t.driver.command('declare Queue backlog --sev SEV3');
    const incident = await waitFor(
      () => t.bot.ctx.db.incident.findFirst({ where: { title: 'Queue backlog' } }),
      'the incident',
      5_000,
    );
    const command = await t.bot.ctx.db.job.findFirstOrThrow({ where: { kind: 'command' } });
    expect(command.status).toBe('done');
    const queued = await t.bot.ctx.db.job.findMany({
      where: { incidentId: incident.id, status: 'pending', kind: { startsWith: 'slack.' } },
    });
    expect(queued.map((j) => j.kind)).toEqual(['slack.create_channel']);
    expect(t.slack.callsTo('conversations.create')).toHaveLength(0);
  });
});
