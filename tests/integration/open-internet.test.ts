// What an attacker reaches on a bot whose status host faces the internet (issue: the open
// internet): the status host by any spelling, two Host headers, and bodies too large to read.
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backend } from '../support/backend.ts';
import { startTestBot, TEST_CONFIG_FILE, type TestBot } from '../support/test-bot.ts';

const STATUS_HOST = 'status.example.com';

// One request exactly as written (Node's clients would fix the headers), and the status it gets.
function rawRequest(port: number, head: string, body = ''): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    let answer = '';
    socket.on('data', (d) => {
      answer += d;
      const status = /^HTTP\/1\.1 (\d{3})/.exec(answer);
      if (status) {
        resolve(Number(status[1]));
        socket.destroy();
      }
    });
    socket.on('error', reject);
    socket.on('close', () => reject(new Error(`no answer: ${answer}`)));
    socket.write(`${head.trim().split('\n').join('\r\n')}\r\n\r\n${body}`);
  });
}

describe(`the bot facing the open internet (${backend})`, () => {
  let t: TestBot;
  let port: number;
  beforeAll(async () => {
    t = await startTestBot({
      file: { ...TEST_CONFIG_FILE, status_page: { title: 'Acme Status', url: `https://${STATUS_HOST}` } },
      env: { DEPLOY_GATE_TOKENS: 'ci:gate-secret' },
    });
    port = Number(new URL(t.bot.url).port);
  });
  afterAll(() => t?.stop());

  const get = (path: string, host: string, extra = '') =>
    rawRequest(port, `GET ${path} HTTP/1.1\nHost: ${host}\nConnection: close\n${extra}`);

  it('gives the status host only the status page, however the host is spelled', async () => {
    for (const host of [
      STATUS_HOST,
      `${STATUS_HOST}.`,
      'STATUS.Example.COM',
      `${STATUS_HOST}:443`,
      `${STATUS_HOST}:80`,
      `${STATUS_HOST}.:443`,
    ]) {
      expect(await get('/healthz', host), host).toBe(404);
      expect(await get('/api/v1/deploy-gate?service=api&environment=production&version=abc', host), host).toBe(404);
      expect(await get('/incidents', host), host).toBe(404);
      expect(await get('/status', host), host).toBe(200);
    }
    // The bot's own name still reaches the rest.
    expect(await get('/healthz', `127.0.0.1:${port}`)).toBe(200);
  });

  it('refuses a request with two Host headers, in either order', async () => {
    expect(await get('/healthz', `127.0.0.1:${port}`, `Host: ${STATUS_HOST}\n`)).toBe(400);
    expect(await get('/healthz', STATUS_HOST, `Host: 127.0.0.1:${port}\n`)).toBe(400);
  });

  it('bounds request bodies before anything reads them', async () => {
    const slack = (headers: string) =>
      rawRequest(
        port,
        `POST /slack/events HTTP/1.1\nHost: 127.0.0.1\nContent-Type: application/x-www-form-urlencoded\nX-Slack-Request-Timestamp: ${Math.floor(Date.now() / 1000)}\nX-Slack-Signature: v0=00\nConnection: close\n${headers}`,
      );
    // Answered from the headers alone: the 4 MB are never sent, let alone read.
    expect(await slack(`Content-Length: ${4 * 1024 * 1024}`)).toBe(413);
    expect(await slack(`Content-Length: ${1024 * 1024 + 1}`)).toBe(413);
    // A body that does not say its length is not a Slack request.
    expect(
      await rawRequest(
        port,
        'POST /slack/events HTTP/1.1\nHost: 127.0.0.1\nTransfer-Encoding: chunked\nConnection: close',
        '5\r\nhello\r\n0\r\n\r\n',
      ),
    ).toBe(411);
    // Webhooks: 256 kB, whether the length is stated or the body is streamed.
    const webhook =
      'POST /webhooks/pagerduty HTTP/1.1\nHost: 127.0.0.1\nContent-Type: application/json\nConnection: close';
    expect(await rawRequest(port, `${webhook}\nContent-Length: ${300 * 1024}`, 'x'.repeat(300 * 1024))).toBe(413);
    const chunk = 'x'.repeat(64 * 1024);
    const chunked = `${`${chunk.length.toString(16)}\r\n${chunk}\r\n`.repeat(5)}0\r\n\r\n`;
    expect(await rawRequest(port, `${webhook}\nTransfer-Encoding: chunked`, chunked)).toBe(413);
    // A slash command of ordinary size is carried out as before.
    const { ack } = await t.driver.command('help');
    expect(ack.status).toBe(200);
  });

  it('answers 400, without a stack in the log, to NUL or an over-long value in any query', async () => {
    for (const path of ['/incidents?q=%00', '/status?x=%00', '/api/v1/deploy-gate?service=api%00', '/healthz?%00=1']) {
      const response = await fetch(`${t.bot.url}${path}`);
      expect(response.status, path).toBe(400);
      expect(await response.text()).not.toMatch(/at \S+ \(/);
    }
    const long = await fetch(`${t.bot.url}/incidents?q=${'a'.repeat(1_001)}`);
    expect(long.status).toBe(400);
    expect((await fetch(`${t.bot.url}/status?utm=${'a'.repeat(100)}`)).status).toBe(200);
  });
});
