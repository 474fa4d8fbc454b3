import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { PostmortemRecord } from '../../../src/domain/postmortem/record.ts';
import { renderPostmortem } from '../../../src/domain/postmortem/render.ts';
import { errantDeploy, flappingStatusTwoEnvironments, sevUpgradeFourServices } from './records.ts';

// The expected drafts were written by hand from the records, not captured from the generator.
const CASES: [string, PostmortemRecord][] = [
  ['errant-deploy', errantDeploy],
  ['sev-upgrade-four-services', sevUpgradeFourServices],
  ['flapping-status-two-environments', flappingStatusTwoEnvironments],
];

const expected = (name: string) => readFileSync(path.join(import.meta.dirname, `${name}.md`), 'utf8');

// Every list in the record in the opposite order, as if the rows had been inserted backwards.
function reversed(record: PostmortemRecord): PostmortemRecord {
  const copy = structuredClone(record);
  for (const [key, value] of Object.entries(copy))
    if (Array.isArray(value)) (copy as Record<string, unknown>)[key] = [...value].reverse();
  copy.incident.services = [...copy.incident.services].reverse();
  return copy;
}

describe('postmortem drafts match the hand-written ones', () => {
  const originalTz = process.env.TZ;
  afterEach(() => {
    process.env.TZ = originalTz;
  });

  it.each(CASES)('%s', (name, record) => {
    expect(renderPostmortem(record)).toBe(expected(name));
  });

  it.each(CASES)('%s: byte-identical with rows in reverse order', (name, record) => {
    expect(renderPostmortem(reversed(record))).toBe(expected(name));
  });

  it.each(CASES)('%s: byte-identical under TZ=America/Los_Angeles', (name, record) => {
    process.env.TZ = 'America/Los_Angeles';
    // The zone really changed for this process (else this test would prove nothing).
    expect(new Date('2026-07-01T00:00:00Z').getTimezoneOffset()).toBe(420);
    expect(renderPostmortem(record)).toBe(expected(name));
  });
});
