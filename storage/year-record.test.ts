import { serialize } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { CODE_TABLE } from '../engine/codes.ts';
import { sessionKey } from '../engine/dates.ts';
import {
  NO_READ,
  SLOTS_PER_YEAR,
  decodeYear,
  emptySlots,
  encodeYear,
  keySlot,
  readSeconds,
  secondsToIso,
  slotKey,
  slotOf,
} from './year-record.ts';

describe('slots', () => {
  it('counts weekday sessions from the Monday on or before 1 August', () => {
    // 1 Aug 2025 is a Friday; the year's slot 0 is Monday 28 Jul 2025 AM.
    expect(slotOf('2025-08-01', 'AM')).toEqual({ yearStart: '2025-08-01', slot: 8 });
    expect(slotOf('2025-08-01', 'PM')).toEqual({ yearStart: '2025-08-01', slot: 9 });
    // Monday 4 Aug: one week on → (5 + 0) × 2.
    expect(slotOf('2025-08-04', 'AM')).toEqual({ yearStart: '2025-08-01', slot: 10 });
    // Monday 1 Sep 2025 is 5 weeks after 28 Jul → 25 weekdays → slot 50.
    expect(slotOf('2025-09-01', 'PM')).toEqual({ yearStart: '2025-08-01', slot: 51 });
    // 31 Jul 2026 (Friday) is the last day of that year; 1 Aug 2026 is a Saturday.
    expect(slotOf('2026-07-31', 'PM')?.yearStart).toBe('2025-08-01');
    expect(slotOf('2026-08-01', 'AM')).toBeNull();
    expect(slotOf('2025-09-06', 'AM')).toBeNull(); // Saturday: ignored (domain.md §8.5)
  });

  it('never needs more than SLOTS_PER_YEAR slots', () => {
    // A year whose 1 Aug is a Sunday runs from the Monday before, 53 weeks later ends on a Friday.
    for (const y of [2020, 2021, 2022, 2023, 2024, 2025, 2026, 2027, 2028]) {
      const last = slotOf(`${y + 1}-07-31`, 'PM') ?? slotOf(`${y + 1}-07-29`, 'PM');
      expect(last).not.toBeNull();
      expect(last!.slot).toBeLessThan(SLOTS_PER_YEAR);
    }
  });

  it('slotKey and keySlot invert slotOf', () => {
    for (const d of ['2025-08-01', '2025-09-01', '2025-12-19', '2026-02-27', '2026-07-31']) {
      for (const h of ['AM', 'PM'] as const) {
        const s = slotOf(d, h)!;
        expect(slotKey(s.yearStart, s.slot)).toBe(sessionKey(d, h));
        expect(keySlot(s.yearStart, sessionKey(d, h))).toBe(s.slot);
      }
    }
  });
});

describe('encodeYear / decodeYear', () => {
  it('stores every code the engine knows as one character of its own, never as an unknown code', () => {
    const y = emptySlots('p1', '2025-08-01');
    CODE_TABLE.forEach((c, i) => {
      y.codes[i] = c.code;
      y.originals[i] = c.code;
      y.times[i] = 0;
    });
    const rec = encodeYear(y);
    expect(rec.extra).toEqual([]);
    expect(new Set(rec.codes.slice(0, CODE_TABLE.length)).size).toBe(CODE_TABLE.length);
    expect(decodeYear(rec).codes.slice(0, CODE_TABLE.length)).toEqual(CODE_TABLE.map((c) => c.code));
  });

  it('round-trips codes, unknown codes, originals and read times', () => {
    const y = emptySlots('p1', '2025-08-01');
    const t1 = readSeconds('2025-09-05T10:00:00Z');
    const t2 = readSeconds('2025-09-12T10:00:00Z');
    const set = (slot: number, code: string, original: string, t: number) => {
      y.codes[slot] = code;
      y.originals[slot] = original;
      y.times[slot] = t;
    };
    set(50, '/', '/', t1);
    set(51, '\\', '\\', t1);
    set(52, 'C1', 'C1', t1);
    set(53, 'Y4', 'Y4', t1);
    set(54, 'I', 'I_F', t1); // local spelling
    set(60, 'I', 'I_F', t2);
    set(61, 'I', 'I', t2); // exception to the usual spelling
    set(62, 'i', 'i', t2); // unknown code (case-sensitive, domain.md §8.11) kept raw
    set(63, 'Ø', 'Ø', t2);
    y.times[64] = t2; // read, blank
    const rec = encodeYear(y);
    expect(rec.codes).toBe(`${'.'.repeat(50)}/\\1dI${'.'.repeat(5)}II\u00a1\u00a2.`);
    expect(rec.extra).toEqual(['i', 'Ø']);
    expect(rec.orig).toEqual({ I: 'I_F' });
    expect(rec.origAt).toEqual({ '61': 'I' });
    // 50 unread slots, 5 read at t1, 5 unread, 5 read at t2 (delta-coded from t1).
    expect(rec.reads).toEqual([-50, 5, t1, -5, 5, t2 - t1]);
    const back = decodeYear(rec);
    expect(back.codes).toEqual(y.codes);
    expect(back.originals).toEqual(y.codes.map((c, i) => (c === '' ? '' : (y.originals[i] as string))));
    expect(back.times).toEqual(y.times);
    expect(back.times[55]).toBe(NO_READ);
  });

  it('keeps a full year of register reads under 1 KB per pupil-year', () => {
    // A full school year: 39 school weeks from 1 Sep (holiday weeks blank and never read), every
    // session marked, each week read on its Friday (one run per week), a local spelling for
    // illness, lates, an unknown code.
    const y = emptySlots('1042', '2025-08-01');
    const codes = ['/', '\\', '/', '\\', 'L', '\\', 'I', 'I', '/', 'N'];
    const holidayWeeks = new Set([8, 16, 17, 23, 30, 31, 37]); // weeks after 1 Sep with no school
    let schoolWeeks = 0;
    for (let w = 0; schoolWeeks < 39; w++) {
      if (holidayWeeks.has(w)) continue;
      schoolWeeks++;
      for (let s = 0; s < 10; s++) {
        // Each session read once, on its week's Friday.
        const slot = 50 + w * 10 + s;
        const code = s === 9 && w === 3 ? 'Xq' : (codes[s] as string);
        y.codes[slot] = code;
        y.originals[slot] = code === 'I' ? 'I_F' : code;
        y.times[slot] = readSeconds('2025-09-05T15:00:00Z') + w * 7 * 86400;
      }
    }
    const rec = encodeYear(y);
    expect(decodeYear(rec).codes).toEqual(y.codes);
    // v8.serialize is the structured-clone format Chrome's IndexedDB stores (before its compression).
    const bytes = serialize(rec).length;
    console.log(`full school year: ${bytes} bytes per pupil-year (codes ${rec.codes.length} chars, ${rec.reads.length} read numbers)`);
    expect(bytes).toBeLessThan(1024);
  });

  it('turns read times to the second and back', () => {
    expect(secondsToIso(readSeconds('2025-09-05T10:00:00.900Z'))).toBe('2025-09-05T10:00:00.000Z');
    expect(() => readSeconds('yesterday')).toThrow(/Invalid readAt "yesterday"/);
  });
});
