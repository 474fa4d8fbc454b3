import { describe, expect, it } from 'vitest';
import { channelNameFor, slugify } from '../../src/domain/incident.ts';

const at = new Date('2026-03-04T23:59:59Z');

describe('channel names', () => {
  it('follows inc-YYYYMMDD-<slug> in UTC', () => {
    expect(channelNameFor(at, 'Checkout API 500s!')).toBe('inc-20260304-checkout-api-500s');
  });

  it('adds a suffix for later attempts', () => {
    expect(channelNameFor(at, 'Checkout API 500s', 3)).toBe('inc-20260304-checkout-api-500s-3');
  });

  it('stays within 80 characters, suffix included, without a trailing hyphen', () => {
    const name = channelNameFor(at, 'word '.repeat(40), 12);
    expect(name.length).toBeLessThanOrEqual(80);
    expect(name).toMatch(/^inc-20260304-[a-z0-9-]+[a-z0-9]-12$/);
  });

  it('keeps only characters Slack allows, folding accents', () => {
    expect(slugify('Café DB — très lent / 99%')).toBe('cafe-db-tres-lent-99');
    expect(channelNameFor(at, '🔥🔥')).toBe('inc-20260304');
  });

  it('makes the slug from the title as people read it: escaping undone, mentions left out', () => {
    const title = 'Checkout &amp; partners &lt;3 <@U0BOB0001|bob> down';
    expect(channelNameFor(at, title)).toBe('inc-20260304-checkout-partners-3-down');
    expect(slugify('DB <!here> <#C0123|ops> slow &gt; 5 s')).toBe('db-slow-5-s');
  });
});
