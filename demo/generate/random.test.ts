import { describe, expect, it } from 'vitest';
import { random } from './random.ts';

describe('random', () => {
  it('repeats exactly for the same seed and differs for another', () => {
    const a = random(42);
    const b = random(42);
    const c = random(43);
    const xs = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(xs);
    expect(Array.from({ length: 5 }, () => c.next())).not.toEqual(xs);
  });

  it('pins the first values (a change of algorithm would change every demo school)', () => {
    // Recorded from this implementation (sfc32 seeded by splitmix32): a regression pin.
    const r = random(1);
    expect([r.int(1000), r.int(1000), r.int(1000)]).toEqual([63, 529, 485]);
  });

  it('stays in range with a plausible mean and spread', () => {
    const r = random(7);
    let sum = 0;
    let sq = 0;
    let min = 1;
    let max = 0;
    const n = 100_000;
    for (let i = 0; i < n; i++) {
      const x = r.next();
      sum += x;
      sq += x * x;
      min = Math.min(min, x);
      max = Math.max(max, x);
    }
    expect(min).toBeGreaterThanOrEqual(0);
    expect(max).toBeLessThan(1);
    expect(sum / n).toBeCloseTo(0.5, 2);
    expect(sq / n - (sum / n) ** 2).toBeCloseTo(1 / 12, 2);
    const counts = [0, 0, 0];
    for (let i = 0; i < 30_000; i++) counts[r.range(1, 3) - 1]!++;
    for (const c of counts) expect(Math.abs(c - 10_000)).toBeLessThan(400);
  });

  it('forks stable sub-streams', () => {
    const x = random(5).fork('marks').next();
    expect(random(5).fork('marks').next()).toBe(x);
    expect(random(5).fork('other').next()).not.toBe(x);
    expect(() => random(Number.NaN)).toThrow(/seed/);
  });
});
