import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backend } from '../support/backend.ts';
import { runProcess } from '../support/processes.ts';
import { declare, settle, startTestBot, TEST_CONFIG_FILE, type TestBot } from '../support/test-bot.ts';

const BIN = path.resolve(import.meta.dirname, '../../bin/incident-gate.js');
const CHECK = ['check', '--service', 'api', '--env', 'production', '--version', 'abc1234def'];

// The CLI as a pipeline runs it: a separate process, configured by its environment.
async function gateCli(args: string[], env: Record<string, string>): Promise<{ code: number; output: string }> {
  const { code, output } = await runProcess('node', [BIN, ...args], { env: { PATH: process.env.PATH, ...env } });
  return { code, output };
}

async function listen(handler: http.RequestListener) {
  const server = http.createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

describe(`the incident-gate CLI (${backend})`, () => {
  let t: TestBot;
  let env: Record<string, string>;
  beforeAll(async () => {
    t = await startTestBot({ file: TEST_CONFIG_FILE, env: { DEPLOY_GATE_TOKENS: 'ci:cli-secret' } });
    env = { INCIDENT_BOT_URL: t.bot.url, DEPLOY_GATE_TOKEN: 'cli-secret' };
  });
  afterAll(() => t?.stop());

  it('exits 0 when allowed and 1 when frozen, saying why and who to ask', async () => {
    expect(await gateCli(CHECK, env)).toMatchObject({
      code: 0,
      output: expect.stringContaining('deploy allowed: api@abc1234def to production'),
    });
    const { incident, channelId } = await declare(t, 'Checkout 500s --sev SEV2 --services api');
    await t.driver.command('freeze bad deploy', { channel: channelId });
    await settle(t);
    const frozen = await gateCli(CHECK, env);
    expect(frozen.code).toBe(1);
    expect(frozen.output).toContain(`frozen by INC-${incident.number} (Checkout 500s): bad deploy`);
    expect(frozen.output).toContain('Ask');
    expect(frozen.output).toContain('/incident freeze allow api@abc1234def <why>');
    await t.driver.command('unfreeze', { channel: channelId });
    await settle(t);
  });

  it('reports a deploy with `deployed`, once per key', async () => {
    const args = [
      'deployed',
      '--service',
      'api',
      '--env',
      'production',
      '--version',
      'abc1234def',
      '--status',
      'succeeded',
      '--key',
      'run-7',
    ];
    const first = await gateCli(args, env);
    expect(first).toMatchObject({ code: 0, output: expect.stringContaining('recorded') });
    expect(await gateCli(args, env)).toMatchObject({ code: 0, output: expect.stringContaining('"repeat":true') });
    expect(await t.bot.ctx.db.change.count({ where: { pipeline: 'ci', key: 'ci:run-7' } })).toBe(1);
    expect(
      await gateCli(['deployed', '--service', 'api', '--env', 'production', '--version', 'v1'], env),
    ).toMatchObject({
      code: 2,
      output: expect.stringContaining('--status is required'),
    });
    expect(await gateCli([...args.slice(0, -4), '--status', 'done'], env)).toMatchObject({
      code: 2,
      output: expect.stringContaining('HTTP 400'),
    });
  });

  it('exits 2 for a refused token or bad arguments, whatever --fail-open says', async () => {
    const refused = await gateCli([...CHECK, '--fail-open'], { ...env, DEPLOY_GATE_TOKEN: 'wrong' });
    expect(refused).toMatchObject({ code: 2, output: expect.stringContaining('HTTP 401') });
    expect(await gateCli(['check', '--service', 'api'], env)).toMatchObject({
      code: 2,
      output: expect.stringContaining('--env is required; --version is required'),
    });
    expect(await gateCli(CHECK, {})).toMatchObject({
      code: 2,
      output: expect.stringContaining('INCIDENT_BOT_URL: is required but not set'),
    });
  });

  it('with the bot down: 2 by default, 0 with --fail-open, 1 with --fail-closed', async () => {
    const { server, url } = await listen(() => undefined);
    await new Promise((r) => server.close(r));
    const down = { ...env, INCIDENT_BOT_URL: url };
    const args = [...CHECK, '--attempts', '2'];
    expect(await gateCli(args, down)).toMatchObject({
      code: 2,
      output: expect.stringContaining('cannot decide (cannot reach'),
    });
    expect(await gateCli([...args, '--fail-open'], down)).toMatchObject({
      code: 0,
      output: expect.stringContaining('--fail-open: allowing'),
    });
    expect(await gateCli([...args, '--fail-closed'], down)).toMatchObject({
      code: 1,
      output: expect.stringContaining('--fail-closed: blocking'),
    });
  });

  it('gives up on a bot that does not answer after its timeout and attempts', async () => {
    const { server, url } = await listen(() => undefined);
    try {
      const slow = await gateCli([...CHECK, '--timeout', '1s', '--attempts', '2', '--fail-closed'], {
        ...env,
        INCIDENT_BOT_URL: url,
      });
      expect(slow).toMatchObject({ code: 1, output: expect.stringContaining('no answer within 1000 ms') });
      expect(slow.output).toContain('attempt 1 failed');
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });

  it('retries a failing bot and takes the answer that follows', async () => {
    let calls = 0;
    const { server, url } = await listen((_req, res) => {
      calls++;
      if (calls === 1) {
        res.writeHead(503, { 'retry-after': '1' }).end('{"error":"UNAVAILABLE"}');
        return;
      }
      res
        .writeHead(423, { 'content-type': 'application/json' })
        .end(JSON.stringify({ allowed: false, reason: 'Deploys of api in production are frozen: release week.' }));
    });
    try {
      const answer = await gateCli(CHECK, { ...env, INCIDENT_BOT_URL: url });
      expect(answer).toMatchObject({ code: 1, output: expect.stringContaining('release week') });
      expect(answer.output).toContain('attempt 1 failed (HTTP 503); retrying in 1000 ms');
      expect(calls).toBe(2);
    } finally {
      server.close();
    }
  });
});
