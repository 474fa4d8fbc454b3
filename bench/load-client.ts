// The load generator, in its own process as Slack's servers would be: a client sharing the bot's
// event loop would measure the bot's background work as if it were acknowledgement latency.
// Driven over IPC by bench/index.ts.
import { SlackDriver } from '../tests/fakes/driver.ts';
import type { FakeSlack } from '../tests/fakes/slack.ts';
import { runBursts, runLoad, type LoadResult } from './stats.ts';

export type LoadRequest = {
  url: string;
  secret: string;
  responseUrlBase: string;
  channel: string;
  text: string;
  mode: 'burst' | 'sustained';
  clients: number;
  rounds: number;
};

// Only responseUrl is needed from the fake: replies go to Slack's process, not here.
const responseUrls = (base: string) => ({ responseUrl: (id: string) => `${base}${id}`, responsesFor: () => [] }) as unknown as FakeSlack;

process.once('message', async (request: LoadRequest) => {
  const driver = new SlackDriver(request.url, request.secret, responseUrls(request.responseUrlBase));
  const send = async (client: number, round: number) =>
    (await driver.command(`${request.text} ${client}-${round}`, { channel: request.channel })).ack.status === 200;
  const between = () =>
    new Promise<void>((resolve) => {
      process.send!({ type: 'burst-done' });
      process.once('message', () => resolve());
    });
  const result: LoadResult =
    request.mode === 'burst' ? await runBursts(request.clients, request.rounds, send, between) : await runLoad(request.clients, request.rounds, send);
  process.send!({ type: 'result', result });
});
