// Reads stored pupils back as the engine's dense PupilHistory (engine/types.ts), over the academic
// years asked for (the EPN window can span two academic years: domain.md §4).
import type { IDBPDatabase } from 'idb';
import type { IsoDate, PupilHistory, SessionKey } from '../engine/types.ts';
import type { AttendanceDB, PupilRecord } from './schema.ts';
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

/**
 * Loads pupils with their years in `yearStarts`. With `pupilIds`, only those (unknown ids are left
 * out); without, every stored pupil. One readonly transaction.
 */
export async function loadHistories(
  db: IDBPDatabase<AttendanceDB>,
  yearStarts: readonly IsoDate[],
  pupilIds?: readonly string[],
): Promise<StoredHistory[]> {
  const tx = db.transaction(['pupils', 'years'], 'readonly');
  const pupilsStore = tx.objectStore('pupils');
  const yearsStore = tx.objectStore('years');
  const sortedYears = [...yearStarts].sort();
  const out: StoredHistory[] = [];
  if (pupilIds !== undefined) {
    for (const id of pupilIds) {
      const pupil = await pupilsStore.get(id);
      if (pupil === undefined) continue;
      const years: YearSlots[] = [];
      for (const ys of sortedYears) {
        const rec = await yearsStore.get([id, ys]);
        if (rec !== undefined) years.push(decodeYear(rec));
      }
      out.push({ pupil, years, history: historyFromYears(pupil, years) });
    }
  } else {
    const pupils = await pupilsStore.getAll();
    const byPupil = new Map<string, YearSlots[]>();
    for (const ys of sortedYears) {
      for (const rec of await yearsStore.index('byYear').getAll(ys)) {
        let list = byPupil.get(rec.pupilId);
        if (list === undefined) {
          list = [];
          byPupil.set(rec.pupilId, list);
        }
        list.push(decodeYear(rec));
      }
    }
    for (const pupil of pupils) {
      const years = byPupil.get(pupil.id) ?? [];
      out.push({ pupil, years, history: historyFromYears(pupil, years) });
    }
  }
  await tx.done;
  return out;
}
