// Two bot processes on one PostgreSQL database share the timers: each fires once, in one process,
// even when the process that claimed it is killed before it posts.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SlackDriver } from '../fakes/driver.ts';
import type { FakeSlack } from '../fakes/slack.ts';
import { waitFor } from '../fakes/wait-for.ts';
import { backend } from '../support/backend.ts';
import type { BotProcess } from '../support/bot-process.ts';
import { type Replicas, startReplicas } from '../support/replicas.ts';
import { SIGNING_SECRET } from '../support/test-bot.ts';

const FILE = {
  services: [{ id: 'api' }],
  severities: [
    { id: 'SEV1', description: 'Major', prompt_every: '2s' },
    { id: 'SEV2', description: 'Minor' },
  ],
};

// Runs in the postgres project only (vitest.config.ts): PGlite is one process's database.
describe(`durable timers across bot processes (${backend})`, () => {
  let replicas: Replicas;
  let slack: FakeSlack;
  let bots: BotProcess[];

  beforeEach(async () => {
    replicas = await startReplicas({ file: FILE, start: false, database: false });
    ({ slack, bots } = replicas);
  });
  afterEach(() => replicas?.stop());

  const prompts = () =>
    [...slack.channels.values()]
      .flatMap((c) => c.messages)
      .filter((m) => JSON.stringify(m.blocks ?? '').includes('prompt_answer_'));
  const cadencePostAttempts = () =>
    slack.calls.filter(
      (c) => c.method === 'chat.postMessage' && String(c.args.blocks ?? '').includes('prompt_answer_'),
    );

  it('posts each prompt once while both processes run the timers', async () => {
    await Promise.all(bots.map((b) => b.start()));
    await new SlackDriver(`${bots[0]!.url}/slack/events`, SIGNING_SECRET, slack).command(
      'declare Two replicas --sev SEV1',
    );
    // Cadence timers fire every 2 s in whichever process claims them; while the first prompt is
    // unanswered later fires post nothing, so two processes racing on one fire would show as two posts.
    await waitFor(() => prompts().length > 0, 'the first prompt', 20_000);
    await new Promise((r) => setTimeout(r, 7_000));
    expect(prompts()).toHaveLength(1);
    expect(cadencePostAttempts()).toHaveLength(1);
  });

  it('posts once when the process that claimed the timer is killed before its post arrives', async () => {
    const [a, b] = bots as [BotProcess, BotProcess];
    // Only A runs at first, so A claims the first prompt timer; its post is held at the fake.
    await a.start();
    slack.faults.arm({ kind: 'hang' }, 1, 'chat.postMessage', (args) =>
      String(args.blocks ?? '').includes('prompt_answer_'),
    );
    const held = new Promise<void>((resolve) => {
      const onReceived = (method: string, args: Record<string, unknown>) => {
        if (method !== 'chat.postMessage' || !String(args.blocks ?? '').includes('prompt_answer_')) return;
        slack.events.off('received', onReceived);
        resolve();
      };
      slack.events.on('received', onReceived);
    });
    await new SlackDriver(`${a.url}/slack/events`, SIGNING_SECRET, slack).command(
      'declare Killed mid-prompt --sev SEV1',
    );
    await held;
    // B joins, then A dies holding the claimed timer: B takes it over when the lease (5 s) ends.
    await b.start();
    await a.kill();
    expect(prompts()).toHaveLength(0);
    await waitFor(() => prompts().length > 0, 'the prompt from the surviving process', 30_000);
    await new Promise((r) => setTimeout(r, 5_000));
    expect(prompts()).toHaveLength(1);
  });
});
