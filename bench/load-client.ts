// The load generator, in its own process as Slack's servers would be: a client sharing the bot's
// event loop would measure the bot's background work as if it were acknowledgement latency.
// Driven over IPC by bench/index.ts.
import { Pool } from 'undici';
import { SlackDriver } from '../tests/fakes/driver.ts';
import type { FakeSlack } from '../tests/fakes/slack.ts';
import { runBursts, runLoad, type LoadResult } from './stats.ts';

// Plain GETs (the deploy gate, or the bare server beside it) over 50 keep-alive connections.
// With `intervalMs`, each client sends one request per interval (an open, steady rate) instead of
// back to back (saturation).
export type GetLoadRequest = {
  mode: 'get';
  url: string;
  token: string;
  clients: number;
  rounds: number;
  expectStatus: number;
  intervalMs?: number;
  // Instead of the Bearer token (a web session's cookie, say).
  headers?: Record<string, string>;
  // Asked in turn instead of the url's path (every chart of many incidents).
  paths?: string[];
  // A POST with this JSON body (`{client}` and `{n}` replaced: each request its own) instead of a GET;
  // client i uses tokens[i % tokens.length] when given.
  post?: string;
  tokens?: string[];
};

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
const responseUrls = (base: string) =>
  ({ responseUrl: (id: string) => `${base}${id}`, responsesFor: () => [] }) as unknown as FakeSlack;

async function getLoad(request: GetLoadRequest): Promise<LoadResult> {
  const url = new URL(request.url);
  const pool = new Pool(url.origin, { connections: request.clients });
  const paths = request.paths ?? [`${url.pathname}${url.search}`];
  let next = 0;
  const send = async (client: number) => {
    const path = paths[next++ % paths.length]!;
    const token = request.tokens ? request.tokens[client % request.tokens.length]! : request.token;
    const headers = request.headers ?? { authorization: `Bearer ${token}` };
    const res = request.post
      ? await pool.request({
          method: 'POST',
          path,
          headers: { ...headers, 'content-type': 'application/json' },
          body: request.post.replaceAll('{client}', String(client)).replaceAll('{n}', String(next)),
        })
      : await pool.request({ method: 'GET', path, headers });
    await res.body.text();
    return res.statusCode === request.expectStatus;
  };
  // Connections opened and code warmed up in this process before anything is measured. A paced load
  // warms up at its own pace: 50 requests a client back to back would be a burst (1,000 deploys at
  // once from 20 pipelines) landing on whatever the parent measures next.
  await runLoad(request.clients, request.intervalMs ? 2 : 50, send, request.intervalMs);
  process.send!({ type: 'steady' });
  const result = await runLoad(request.clients, request.rounds, send, request.intervalMs);
  await pool.close();
  return result;
}

process.once('message', async (request: LoadRequest | GetLoadRequest) => {
  if (request.mode === 'get') {
    process.send!({ type: 'result', result: await getLoad(request) });
    return;
  }
  const driver = new SlackDriver(request.url, request.secret, responseUrls(request.responseUrlBase));
  // A refusal ("nothing was saved") is an error too, though Slack got a 200.
  const send = async (client: number, round: number) => {
    const { ack } = await driver.command(`${request.text} ${client}-${round}`, { channel: request.channel });
    return ack.status === 200 && !/nothing was saved/.test(ack.body);
  };
  const between = () =>
    new Promise<void>((resolve) => {
      process.send!({ type: 'burst-done' });
      process.once('message', () => resolve());
    });
  const result: LoadResult =
    request.mode === 'burst'
      ? await runBursts(request.clients, request.rounds, send, between)
      : await runLoad(request.clients, request.rounds, send);
  process.send!({ type: 'result', result });
});
