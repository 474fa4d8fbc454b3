import { describe, expect, it } from 'vitest';
import { cutText, escapedWithin, escapeText, fitItems } from '../../src/domain/text.ts';
import { LONE_SURROGATE } from '../fakes/slack-limits.ts';

const FAMILY = '👩‍👩‍👧‍👦'; // eleven UTF-16 units, one grapheme
const FLAG = '🇺🇦';
const ACCENTED = 'e\u0301';

describe('cutText', () => {
  it('leaves text that fits alone', () => {
    expect(cutText('short', 5)).toBe('short');
  });

  it('never cuts inside an emoji, a flag or an accented letter, at any cut point', () => {
    for (const piece of [FAMILY, FLAG, ACCENTED, '😀']) {
      const text = `ab ${piece}${piece} c${piece}d ${piece}`.repeat(3);
      for (let max = 1; max < text.length; max++) {
        const cut = cutText(text, max);
        expect(cut.length).toBeLessThanOrEqual(max);
        expect(cut.endsWith('…')).toBe(true);
        expect(cut).not.toMatch(LONE_SURROGATE);
        const kept = cut.slice(0, -1);
        const segments = [...new Intl.Segmenter('en', { granularity: 'grapheme' }).segment(text)].map((g) => g.segment);
        const wholeGraphemes = segments.map((_, k) => segments.slice(0, k).join('').trimEnd());
        expect(wholeGraphemes).toContain(kept);
      }
    }
  });

  it('measures escaped text after escaping', () => {
    const text = '&'.repeat(100);
    const shown = escapedWithin(text, 50);
    expect(shown.length).toBeLessThanOrEqual(50);
    expect(shown).toMatch(/^(&amp;)+…$/);
    expect(escapedWithin('a < b', 50)).toBe(escapeText('a < b'));
  });
});

describe('fitItems', () => {
  const more = (n: number) => `and ${n} more`;

  it('keeps every item when they fit', () => {
    expect(fitItems(['a', 'b'], 10, ', ', more)).toBe('a, b');
  });

  it('keeps whole items and says exactly how many are left out', () => {
    const items = Array.from({ length: 120 }, (_, i) => `service-${i + 1}`);
    for (const max of [15, 40, 200, 1_000]) {
      const text = fitItems(items, max, ', ', more);
      expect(text.length).toBeLessThanOrEqual(max);
      const parts = text.split(', ');
      const left = Number(/^and (\d+) more$/.exec(parts.at(-1)!)?.[1]);
      expect(parts.slice(0, -1)).toEqual(items.slice(0, parts.length - 1));
      expect(left).toBe(items.length - (parts.length - 1));
    }
  });
});
