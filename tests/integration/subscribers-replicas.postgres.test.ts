// Two bot processes on one PostgreSQL database: every publication reaches a webhook subscriber
// once, in the order it was published, whichever replica took the command or ran the delivery.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SlackDriver } from '../fakes/driver.ts';
import { waitFor } from '../fakes/wait-for.ts';
import { backend } from '../support/backend.ts';
import { type Replicas, startReplicas } from '../support/replicas.ts';
import { SIGNING_SECRET, TEST_CONFIG_FILE } from '../support/test-bot.ts';

const FILE = { ...TEST_CONFIG_FILE, status_page: { title: 'Acme Status' } };

// Runs in the postgres project only (vitest.config.ts): PGlite is one process's database.
describe(`subscriber deliveries across two bot processes (${backend})`, () => {
  let replicas: Replicas;
  let receiver: http.Server;
  const bodies: { delivery: string; body: Record<string, any> }[] = [];
  beforeEach(async () => {
    receiver = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        bodies.push({ delivery: String(req.headers['x-incident-delivery']), body: JSON.parse(body) });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    replicas = await startReplicas({ file: FILE });
  });
  afterEach(async () => {
    await replicas?.stop();
    receiver?.close();
  });

  it('delivers each notice once, in order', async () => {
    const { bots, slack } = replicas;
    const database = replicas.database!;
    const [a, b] = bots.map((bot) => new SlackDriver(`${bot.url}/slack/events`, SIGNING_SECRET, slack)) as [
      SlackDriver,
      SlackDriver,
    ];
    const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
    await a.command(`subscribers add-webhook ${url}`, { channel: 'C0GENERAL' });
    await waitFor(() => database.prisma.subscriber.findFirst({ where: { kind: 'webhook' } }), 'the webhook', 20_000);
    await b.command('declare Replica webhooks --sev SEV3 --services db');
    const incident = await waitFor(
      () => database.prisma.incident.findFirst({ where: { channelId: { not: null } } }),
      'the incident room',
      20_000,
    );
    const texts = ['--title "Slow database" One', 'Two', 'Three', 'Four', '--status resolved Five'];
    for (const [i, text] of texts.entries())
      await (i % 2 ? b : a).command(`statuspage ${text}`, { channel: incident.channelId! });
    await waitFor(async () => bodies.length >= texts.length, 'every delivery', 40_000);
    await Promise.all(bots.map((bot) => bot.drained()));
    expect(bodies.map((d) => d.body.incident.incident_updates[0].body)).toEqual([
      'One',
      'Two',
      'Three',
      'Four',
      'Five',
    ]);
    expect(new Set(bodies.map((d) => d.delivery)).size).toBe(texts.length);
  });
});
