import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { parseCommand } from '../../src/domain/commands/parse.ts';
import { signatureMatches } from '../../src/http/routes/pagerduty-webhook.ts';

describe('PagerDuty webhook signatures', () => {
  const body = Buffer.from('{"event":{"id":"1"}}');
  const sign = (secret: string) => `v1=${createHmac('sha256', secret).update(body).digest('hex')}`;

  it('accepts any one of several v1 signatures, as during a secret rotation', () => {
    expect(signatureMatches(sign('s3cret'), body, 's3cret')).toBe(true);
    expect(signatureMatches(`${sign('old')},${sign('s3cret')}`, body, 's3cret')).toBe(true);
  });

  it('refuses a missing, wrong or differently-prefixed signature, and a changed body', () => {
    expect(signatureMatches(undefined, body, 's3cret')).toBe(false);
    expect(signatureMatches(sign('other'), body, 's3cret')).toBe(false);
    expect(signatureMatches(sign('s3cret').replace('v1=', 'v0='), body, 's3cret')).toBe(false);
    expect(signatureMatches(sign('s3cret'), Buffer.from('{"event":{"id":"2"}}'), 's3cret')).toBe(false);
  });
});

describe('paging commands', () => {
  const context = { severities: ['SEV1'], services: ['api', 'web'] };
  it('pages a service or a person, with a message', () => {
    expect(parseCommand('page API db is down', context)).toEqual({
      ok: true,
      at: null,
      command: { name: 'page', service: 'api', userId: null, message: 'db is down' },
    });
    expect(parseCommand('page <@U0CAROL01|carol>', context)).toEqual({
      ok: true,
      at: null,
      command: { name: 'page', service: null, userId: 'U0CAROL01', message: '' },
    });
    expect(parseCommand('oncall', context)).toEqual({ ok: true, at: null, command: { name: 'oncall' } });
  });
  it.each([
    ['page', 'Say whom to page'],
    ['page nope', 'Say whom to page: a service (api, web) or an @person.'],
    ['oncall now', '`/incident oncall` takes no arguments.'],
  ])('refuses %j', (text, message) => {
    const parsed = parseCommand(text, context);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.message).toContain(message);
  });
});
