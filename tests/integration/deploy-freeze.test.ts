import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeployGate } from '../../src/app/deploy-gate.ts';
import { createLogger } from '../../src/log.ts';
import { backend } from '../support/backend.ts';
import { ManualClock } from '../support/manual-clock.ts';
import {
  advanceClock,
  declare,
  runIn,
  settle,
  startTestBot,
  TEST_CONFIG_FILE,
  type TestBot,
  waitFor,
} from '../support/test-bot.ts';

const MINUTE = 60_000;
const SHA = 'abc1234def5678901234567890abcdef12345678';

describe(`deploy freeze and the deploy gate (${backend})`, () => {
  let t: TestBot;
  const clock = new ManualClock();
  beforeAll(async () => {
    t = await startTestBot({
      clock,
      file: TEST_CONFIG_FILE,
      env: { DEPLOY_GATE_TOKENS: 'github:gate-secret-1,jenkins:gate-secret-2', API_TOKENS: 'read-token' },
    });
  });
  afterAll(() => t?.stop());

  const db = () => t.bot.ctx.db;
  const run = (text: string, channel: string, user?: string) => runIn(t, channel, text, user);
  const gate = async (
    service: string,
    environment = 'production',
    version = SHA,
    token: string | null = 'gate-secret-1',
  ) => {
    const params = new URLSearchParams({ service, environment, version });
    const res = await fetch(`${t.bot.url}/api/v1/deploy-gate?${params}`, {
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  const advance = (ms: number) => advanceClock(t, clock, ms);
  const header = (channelId: string) => {
    const channel = t.slack.channels.get(channelId)!;
    return JSON.stringify(channel.messages.find((m) => channel.pins.has(m.ts))!.blocks);
  };
  const texts = (channelId: string) => t.slack.channels.get(channelId)!.messages.map((m) => m.text);
  const press = async (channelId: string, promptId: string, answer: 'lift' | 'keep', user = 'U0ALICE01') => {
    await t.driver.interaction({
      type: 'block_actions',
      user: { id: user, team_id: t.driver.teamId },
      channel: { id: channelId },
      trigger_id: 'trig',
      response_url: t.slack.responseUrl(`press-${promptId}-${user}`),
      actions: [
        {
          type: 'button',
          action_id: `freeze_prompt_${answer}`,
          block_id: `freeze_prompt:${promptId}`,
          value: promptId,
          action_ts: '1',
        },
      ],
    });
    await settle(t);
    return t.slack
      .responsesFor(`press-${promptId}-${user}`)
      .map((r) => String(r.text))
      .join('\n');
  };

  it("freezes the incident's services in one environment, answers the gate, and lifts only for the commander", async () => {
    const { incident, channelId } = await declare(t, 'Checkout 500s --sev SEV2 --services api');
    expect(await gate('api')).toEqual({ status: 200, body: { allowed: true } });
    await run('freeze --env production rollback in progress', channelId);

    const frozen = await gate('api');
    expect(frozen.status).toBe(423);
    expect(frozen.body).toMatchObject({
      allowed: false,
      reason: `Deploys of api in production are frozen by INC-${incident.number} (Checkout 500s): rollback in progress.`,
      incident: { id: `INC-${incident.number}`, channel: incident.channelName, commander: { id: 'U0ALICE01' } },
      freeze: { services: ['api'], environments: ['production'], expiresAt: null },
    });
    expect(String(frozen.body.exceptionHint)).toContain(`/incident freeze allow api@${SHA} <why>`);
    expect((await gate('api', 'staging')).status).toBe(200);
    expect((await gate('web')).status).toBe(200);
    expect(header(channelId)).toContain('frozen: api (production)');
    expect(texts(channelId).some((x) => x.includes('froze deploys of api (production)'))).toBe(true);
    expect(await run('freeze --env production', channelId)).toContain('already frozen');

    expect(await run('unfreeze', channelId, 'U0BOB0001')).toContain('Only the commander may lift the freeze');
    expect((await gate('api')).status).toBe(423);
    await run('unfreeze', channelId);
    expect((await gate('api')).status).toBe(200);
    expect(header(channelId)).toContain('not frozen');
    const kinds = (
      await db().timelineEntry.findMany({ where: { incidentId: incident.id }, orderBy: { seq: 'asc' } })
    ).map((e) => e.kind);
    expect(kinds).toEqual(expect.arrayContaining(['freeze', 'gate_blocked', 'unfreeze']));
    expect(await run('unfreeze', channelId)).toContain('has no active freeze');
  });

  it('freezes every service when the incident names none, and narrows a freeze service by service', async () => {
    const bare = await declare(t, 'Everything is slow --sev SEV2');
    await run('freeze', bare.channelId);
    for (const service of ['api', 'web', 'anything-else']) expect((await gate(service, 'staging')).status).toBe(423);
    expect(await run('unfreeze --services api', bare.channelId)).toContain('covers every service');
    await run('unfreeze', bare.channelId);

    const two = await declare(t, 'Two services --sev SEV2 --services api,web');
    await run('freeze', two.channelId);
    expect((await gate('web')).status).toBe(423);
    await run('unfreeze --services web', two.channelId);
    expect((await gate('web')).status).toBe(200);
    expect((await gate('api')).status).toBe(423);
    expect(texts(two.channelId).some((x) => x.includes('web unfrozen (still frozen: api)'))).toBe(true);
    await run('unfreeze', two.channelId);
  });

  it('freezes automatically on an upgrade into a freezing level, and asks before lifting on a downgrade', async () => {
    const { incident, channelId } = await declare(t, 'Login errors --sev SEV2 --services web');
    expect((await gate('web')).status).toBe(200);
    await run('sev SEV1 customers cannot log in', channelId);
    expect((await gate('web')).status).toBe(423);
    expect(header(channelId)).toContain('frozen: web');
    expect((await gate('db')).status).toBe(200);
    await run('services add db', channelId);
    expect((await gate('db')).status).toBe(423);

    await run('sev SEV2 contained', channelId);
    expect((await gate('web')).status).toBe(423);
    const prompt = await waitFor(
      () => db().prompt.findFirst({ where: { incidentId: incident.id, kind: 'freeze', trigger: 'downgraded' } }),
      'the lift question',
    );
    const question = t.slack.channels.get(channelId)!.messages.find((m) => m.ts === prompt.messageTs)!;
    expect(question.text).toBe(`Deploys of web and db are still frozen by INC-${incident.number}. Lift the freeze?`);
    expect(await press(channelId, prompt.id, 'keep', 'U0BOB0001')).toBe('');
    expect(await db().prompt.findUniqueOrThrow({ where: { id: prompt.id } })).toMatchObject({
      answer: 'kept',
      answeredBy: 'U0BOB0001',
    });
    expect((await gate('web')).status).toBe(423);
    expect(t.slack.channels.get(channelId)!.messages.find((m) => m.ts === prompt.messageTs)!.text).toContain(
      'kept frozen by <@U0BOB0001>',
    );
    await run('unfreeze', channelId);
  });

  it('lets an excepted version through, by prefix, until it expires; other versions stay blocked', async () => {
    const { incident, channelId } = await declare(t, 'Payments down --sev SEV2 --services api');
    await run('freeze', channelId);
    expect(await run(`freeze allow api@${SHA.slice(0, 7)} the fix`, channelId, 'U0BOB0001')).toContain(
      'Only the commander may grant exceptions',
    );
    expect(await run('freeze allow web@abc1234 the fix', channelId)).toContain('web is not frozen');
    await run(`freeze allow api@${SHA.slice(0, 7)} revert of the bad deploy`, channelId);

    const allowed = await gate('api');
    expect(allowed).toMatchObject({
      status: 200,
      body: { allowed: true, exception: { service: 'api', version: SHA.slice(0, 7) } },
    });
    expect((await gate('api', 'production', SHA.slice(0, 9))).status).toBe(200);
    expect((await gate('api', 'production', 'fff1234def')).status).toBe(423);
    expect(header(channelId)).toContain(`api@${SHA.slice(0, 7)} allowed until`);
    const entry = await db().timelineEntry.findFirstOrThrow({ where: { incidentId: incident.id, kind: 'exception' } });
    expect(entry).toMatchObject({
      actorId: 'U0ALICE01',
      data: expect.objectContaining({ reason: 'revert of the bad deploy' }),
    });

    await advance(61 * MINUTE);
    expect((await gate('api')).status).toBe(423);
    expect(await run('freeze revoke api@abc1234', channelId)).toContain('No exception for api@abc1234 is in force');
    await run(`freeze allow api@${SHA} second attempt --for 2h`, channelId);
    expect((await gate('api')).status).toBe(200);
    expect(await run(`freeze revoke api@${SHA}`, channelId, 'U0BOB0001')).toContain(
      'Only the commander may revoke exceptions',
    );
    await run(`freeze revoke api@${SHA}`, channelId);
    expect((await gate('api')).status).toBe(423);
    expect(await db().timelineEntry.count({ where: { incidentId: incident.id, kind: 'exception_revoked' } })).toBe(1);
    await run(`freeze allow api@${SHA} third attempt --for 2h`, channelId);
    await advance(90 * MINUTE);
    expect((await gate('api')).status).toBe(200);
    await run('unfreeze', channelId);
  });

  it('collapses repeats of a decision into one record and one timeline entry with a count', async () => {
    const { incident, channelId } = await declare(t, 'Search broken --sev SEV2 --services db');
    await run('freeze', channelId);
    for (let i = 0; i < 5; i++) expect((await gate('db', 'production', 'deadbeef01')).status).toBe(423);
    expect((await gate('db', 'production', 'deadbeef01', 'gate-secret-2')).status).toBe(423);
    await t.bot.ctx.deployGate.decisions.flush();
    const decisions = await db().gateDecision.findMany({
      where: { incidentId: incident.id },
      orderBy: { pipeline: 'asc' },
    });
    expect(decisions.map((d) => [d.pipeline, d.version, d.allowed, d.count])).toEqual([
      ['github', 'deadbeef01', false, 5],
      ['jenkins', 'deadbeef01', false, 1],
    ]);
    const entries = await db().timelineEntry.findMany({
      where: { incidentId: incident.id, kind: 'gate_blocked' },
      orderBy: { seq: 'asc' },
    });
    expect(entries.map((e) => [e.text, e.count])).toEqual([
      ['Deploy blocked by the freeze: db@deadbeef01 to production (pipeline github)', 5],
      ['Deploy blocked by the freeze: db@deadbeef01 to production (pipeline jenkins)', 1],
    ]);
    const markdown = await (
      await fetch(`${t.bot.url}/api/v1/incidents/${incident.number}/timeline`, {
        headers: { authorization: 'Bearer read-token', accept: 'text/markdown' },
      })
    ).text();
    expect(markdown).toContain('Deploy blocked by the freeze: db@deadbeef01 to production (pipeline github) (×5)');
    await run('unfreeze', channelId);
  });

  it('refuses bad tokens and bad parameters, and never names a private incident', async () => {
    expect(await gate('api', 'production', SHA, null)).toMatchObject({ status: 401, body: { error: 'UNAUTHORIZED' } });
    expect(await gate('api', 'production', SHA, 'wrong')).toMatchObject({ status: 401 });
    const missing = await fetch(`${t.bot.url}/api/v1/deploy-gate?service=api`, {
      headers: { authorization: 'Bearer gate-secret-1' },
    });
    expect(missing.status).toBe(400);
    expect(((await missing.json()) as { message: string }).message).toBe(
      'environment: is required; version: is required',
    );
    expect((await gate('api server', 'production')).status).toBe(400);
    expect((await gate('api', 'production', 'a b')).status).toBe(400);

    const { channelId } = await declare(t, 'Leaked credentials --sev SEV2 --services web --private');
    await run('freeze rotating the leaked keys', channelId);
    const answer = await gate('web');
    expect(answer.status).toBe(423);
    expect(answer.body.incident).toBe('a private incident');
    expect(JSON.stringify(answer.body)).not.toMatch(/Leaked|rotating|INC-|inc-/);
    await run('unfreeze', channelId);
  });

  it('asks on resolve whether to lift, lifts on the button only for the commander, and reminds while it stays', async () => {
    const { incident, channelId } = await declare(t, 'Queue backlog --sev SEV2 --services api');
    await run('freeze', channelId);
    await run('status resolved', channelId);
    const prompt = await waitFor(
      () => db().prompt.findFirst({ where: { incidentId: incident.id, kind: 'freeze', trigger: 'resolved' } }),
      'the lift question',
    );
    expect(await press(channelId, prompt.id, 'lift', 'U0BOB0001')).toContain('Only the commander may lift the freeze');
    expect((await gate('api')).status).toBe(423);
    await press(channelId, prompt.id, 'keep');

    const reminders = () => texts(channelId).filter((x) => x.startsWith(':hourglass:'));
    await advance(29 * MINUTE);
    expect(reminders()).toHaveLength(0);
    await advance(2 * MINUTE);
    expect(reminders()).toHaveLength(1);
    expect(reminders()[0]).toContain(`Deploys of api are still frozen by INC-${incident.number}, which ended`);
    await advance(2 * 60 * MINUTE);
    expect(reminders()).toHaveLength(2);
    await run('unfreeze', channelId);
    await advance(4 * 60 * MINUTE);
    expect(reminders()).toHaveLength(2);
  });

  it('lifts on the button after a resolve, and settles the question', async () => {
    const { incident, channelId } = await declare(t, 'Cache stampede --sev SEV2 --services web');
    await run('freeze', channelId);
    await run('status resolved', channelId);
    const prompt = await waitFor(
      () => db().prompt.findFirst({ where: { incidentId: incident.id, kind: 'freeze' } }),
      'the lift question',
    );
    await press(channelId, prompt.id, 'lift');
    expect((await gate('web')).status).toBe(200);
    expect(await db().prompt.findUniqueOrThrow({ where: { id: prompt.id } })).toMatchObject({
      answer: 'lifted',
      answeredBy: 'U0ALICE01',
    });
    expect(t.slack.channels.get(channelId)!.messages.find((m) => m.ts === prompt.messageTs)!.text).toContain(
      'lifted by <@U0ALICE01>',
    );
  });

  it('a flush asked for while another is writing returns once the counts are in the database', async () => {
    const { incident, channelId } = await declare(t, 'Queue stuck --sev SEV2 --services db');
    await run('freeze', channelId);
    // A gate of its own whose timer never fires in this test: the flushes are the test's.
    const own = new DeployGate({ db: db(), clock, logger: createLogger('silent'), flushMs: 3_600_000 });
    try {
      const query = { service: 'db', environment: 'production', version: 'cafe0002' };
      for (let i = 0; i < 4; i++) expect((await own.check(query, 'github')).status).toBe(423);
      // The first takes the three repeats and is writing them when the second is asked for.
      const first = own.decisions.flush();
      await own.decisions.flush();
      const decision = await db().gateDecision.findFirstOrThrow({
        where: { incidentId: incident.id, version: 'cafe0002' },
      });
      expect(decision.count).toBe(4);
      await first;
    } finally {
      await own.stop();
    }
    await run('unfreeze', channelId);
  });

  it('ends a freeze set for a while on time, saying so; freezes outside incidents are lifted by whoever set them', async () => {
    const { channelId } = await declare(t, 'Bad config push --sev SEV2 --services db');
    await run('freeze --for 1h', channelId);
    expect((await gate('db')).status).toBe(423);
    await advance(61 * MINUTE);
    expect((await gate('db')).status).toBe(200);
    expect(texts(channelId).some((x) => x.includes('The freeze of db ended'))).toBe(true);
    expect(header(channelId)).toContain('not frozen');

    expect(await run('freeze', 'C0GENERAL')).toContain('add `--global` for a freeze outside any incident');
    await run('freeze --global --services web release week', 'C0GENERAL', 'U0BOB0001');
    expect(await gate('web')).toMatchObject({
      status: 423,
      body: { incident: null, reason: 'Deploys of web in production are frozen: release week.' },
    });
    expect(texts('C0GENERAL').some((x) => x.includes('<@U0BOB0001> froze deploys of web'))).toBe(true);
    expect(await run('unfreeze --global', 'C0GENERAL', 'U0CAROL01')).toContain(
      'Only the commander or whoever set the freeze may lift the freeze',
    );
    await run('unfreeze --global', 'C0GENERAL', 'U0BOB0001');
    expect((await gate('web')).status).toBe(200);
  });

  it('freezes nothing for a drill', async () => {
    const { channelId } = await declare(t, 'Game day --sev SEV1 --services api --drill');
    expect(await run('freeze', channelId)).toContain('drills freeze nothing');
    expect((await gate('api')).status).toBe(200);
  });
});
