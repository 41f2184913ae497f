import { describe, expect, it } from 'vitest';
import { comparePct, formatBound, formatPct, roundedPct } from './compare-pct.ts';

describe('comparePct (exact, domain.md §3)', () => {
  it('boundaries are exact', () => {
    expect(comparePct(225, 250, 'lte', 90)).toBe(true); // 90%
    expect(comparePct(225, 250, 'gt', 90)).toBe(false);
    expect(comparePct(240, 250, 'gte', 96)).toBe(true); // 96%
    expect(comparePct(193, 200, 'gte', 96.5)).toBe(true); // 96.5%
    expect(comparePct(385, 399, 'lt', 96.5)).toBe(true); // 96.49…%
    expect(comparePct(901, 1000, 'gte', 90.1)).toBe(true); // 90.1% (float: 901/1000*100 = 90.10000000000001)
    expect(comparePct(900, 1000, 'lt', 90.1)).toBe(true);
    expect(comparePct(125, 250, 'lte', 50)).toBe(true);
  });
});

describe('roundedPct (half up, one decimal, for display)', () => {
  it('rounds half up', () => {
    expect(roundedPct(1801, 2000)).toBe(90.1); // 90.05
    expect(roundedPct(1919, 2000)).toBe(96); // 95.95
    expect(roundedPct(2, 3)).toBe(66.7);
    expect(roundedPct(1, 3)).toBe(33.3);
    expect(roundedPct(250, 250)).toBe(100);
  });

  it('formats', () => {
    expect(formatPct(96)).toBe('96.0%');
    expect(formatBound(96)).toBe('96%');
    expect(formatBound(96.5)).toBe('96.5%');
  });
});
