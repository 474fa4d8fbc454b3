import { describe, expect, it } from 'vitest';
import { retryDelayMs } from '../../src/domain/backoff.ts';
import { parseDuration } from '../../src/domain/duration.ts';
import { maskSecrets } from '../../src/log.ts';

describe('retryDelayMs', () => {
  const mid = () => 0.5;
  it('doubles from 2 s and caps at 5 minutes', () => {
    expect([1, 2, 3, 4].map((a) => retryDelayMs(a, 0, mid))).toEqual([2_000, 4_000, 8_000, 16_000]);
    expect(retryDelayMs(30, 0, mid)).toBe(300_000);
  });
  it('never retries sooner than Retry-After', () => {
    expect(retryDelayMs(1, 30_000, mid)).toBe(30_000);
  });
});

describe('parseDuration', () => {
  it.each([
    ['90s', 90_000],
    ['15m', 900_000],
    ['2h', 7_200_000],
    ['1d', 86_400_000],
    ['0m', null],
    ['soon', null],
    ['5', null],
  ])('%s', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });
});

describe('maskSecrets', () => {
  it('hides tokens and database passwords inside free text', () => {
    const text = maskSecrets('failed with xoxb-123-abc and xapp-1-A-2 at postgresql://bot:hunter2@db:5432/x');
    expect(text).not.toMatch(/hunter2|xoxb-123|xapp-1-A/);
  });
});
