import { describe, expect, it } from 'vitest';
import type { PostmortemRecord } from '../../../src/domain/postmortem/record.ts';
import { namedServices, renderPostmortem } from '../../../src/domain/postmortem/render.ts';
import { errantDeploy } from './records.ts';

const at = (iso: string) => new Date(`${iso}Z`);

// A first install: declared with no services, impact entered per service afterwards.
function withoutDeclaredServices(): PostmortemRecord {
  const record = structuredClone(errantDeploy);
  record.incident.services = [];
  record.impact = [
    { service: 'api', environment: 'production', degraded: false, startedAt: at('2026-03-04T14:03:00'), endedAt: null },
    { service: 'web', environment: 'preview', degraded: true, startedAt: at('2026-03-04T14:05:00'), endedAt: null },
  ];
  return record;
}

describe('the draft names every service the record names', () => {
  it('lists services with an impact window when none were declared', () => {
    const record = withoutDeclaredServices();
    expect(namedServices(record)).toEqual(['api', 'web']);
    expect(renderPostmortem(record)).toContain('| Services | api, web |');
    expect(renderPostmortem(record)).not.toContain('none named');
  });

  it('keeps a service added and later removed, once, in order', () => {
    const record = withoutDeclaredServices();
    record.incident.services = ['db'];
    const base = record.timeline[0]!;
    record.timeline.push(
      {
        ...base,
        id: 900,
        seq: 90,
        kind: 'services',
        text: 'Services added: search',
        data: { op: 'add', services: ['search', 'api'] },
      },
      {
        ...base,
        id: 901,
        seq: 91,
        kind: 'services',
        text: 'Services removed: search',
        data: { op: 'remove', services: ['search'] },
      },
    );
    expect(namedServices(record)).toEqual(['api', 'db', 'search', 'web']);
  });

  it('says "none named" only when nothing names a service', () => {
    const record = withoutDeclaredServices();
    record.impact = [];
    expect(renderPostmortem(record)).toContain('| Services | none named |');
  });
});
