// A stored pupil as the engine's dense PupilHistory (engine/types.ts), from the academic years read
// (the EPN window can span two academic years: domain.md §4). Read by ./load-compute-input.ts.
import type { PupilHistory, SessionKey } from '../engine/types.ts';
import type { PupilRecord } from './schema.ts';
import { SLOTS_PER_YEAR, decodeYear, slotKeyFromBase, yearBaseDay, type YearSlots } from './year-record.ts';

export interface StoredHistory {
  pupil: PupilRecord;
  /** Decoded years, oldest first (only years with a stored record). */
  years: YearSlots[];
  history: PupilHistory;
}

/** Dense history from decoded years: slot i of the result is session firstKey + i; '' = no mark. */
export function historyFromYears(pupil: PupilRecord, years: readonly YearSlots[]): PupilHistory {
  const base: PupilHistory = { pupilId: pupil.id, name: pupil.name, attributes: pupil.attributes, firstKey: 0, codes: [] };
  // Slots run in session order within a year, and years do not overlap: sort years, then one pass.
  const sorted = [...years].sort((a, b) => (a.yearStart < b.yearStart ? -1 : a.yearStart > b.yearStart ? 1 : 0));
  let firstKey: SessionKey = -1;
  let lastKey: SessionKey = -1;
  for (const y of sorted) {
    const base = yearBaseDay(y.yearStart);
    for (let i = 0; i < SLOTS_PER_YEAR; i++) {
      if (y.codes[i] === '') continue;
      const k = slotKeyFromBase(base, i);
      if (firstKey < 0) firstKey = k;
      lastKey = k;
    }
  }
  if (firstKey < 0) return base;
  const codes = new Array<string>(lastKey - firstKey + 1).fill('');
  for (const y of sorted) {
    const base = yearBaseDay(y.yearStart);
    for (let i = 0; i < SLOTS_PER_YEAR; i++) {
      const code = y.codes[i] as string;
      if (code !== '') codes[slotKeyFromBase(base, i) - firstKey] = code;
    }
  }
  return { ...base, firstKey, codes };
}
