// Everything the engine needs for some pupils (or all), read in ONE readonly transaction with the
// requests issued together: each separate await is a round trip to the browser's database process,
// and a register page must be stored and recomputed in well under 100 ms.
import type { IDBPDatabase } from 'idb';
import type { CaseEvent, IsoDate, SessionKey } from '../engine/types.ts';
import type { Settings } from './settings-schema.ts';
import { historyFromYears, type StoredHistory } from './load-histories.ts';
import type { AttendanceDB, YearRecordKey } from './schema.ts';
import { settingsFromRecord } from './settings.ts';
import { decodeYear, slotKeyFromBase, yearBaseDay, type YearRecord } from './year-record.ts';

export interface ComputeInputData {
  settings: Settings;
  yearStarts: IsoDate[];
  /** The pupils asked for that are stored (unknown ids left out), or every stored pupil. */
  stored: StoredHistory[];
  /** School session keys of `yearStarts`, sorted (domain.md §1: learned from every pupil). */
  calendar: SessionKey[];
  caseHistories: Map<string, CaseEvent[]>;
}

/**
 * @param yearStartsFor which academic years to load, given the stored settings (the as-of date may
 *   be overridden there).
 */
export async function loadComputeInput(
  db: IDBPDatabase<AttendanceDB>,
  pupilIds: readonly string[] | undefined,
  yearStartsFor: (settings: Settings) => IsoDate[],
): Promise<ComputeInputData> {
  const tx = db.transaction(['settings', 'pupils', 'years', 'calendar', 'caseHistory'], 'readonly');
  const settings = settingsFromRecord(await tx.objectStore('settings').get('settings'));
  const yearStarts = [...yearStartsFor(settings)].sort();
  const pupilsStore = tx.objectStore('pupils');
  const yearsStore = tx.objectStore('years');
  const casesStore = tx.objectStore('caseHistory');

  const calendarP = Promise.all(yearStarts.map((ys) => tx.objectStore('calendar').get(ys)));
  let pupilsP;
  let yearsP: Promise<(YearRecord | undefined)[][]>;
  let casesP;
  if (pupilIds !== undefined) {
    pupilsP = Promise.all(pupilIds.map((id) => pupilsStore.get(id)));
    yearsP = Promise.all(pupilIds.map((id) => Promise.all(yearStarts.map((ys) => yearsStore.get([id, ys] as YearRecordKey)))));
    casesP = Promise.all(pupilIds.map((id) => casesStore.get(id)));
  } else {
    pupilsP = pupilsStore.getAll();
    yearsP = Promise.all(yearStarts.map((ys) => yearsStore.index('byYear').getAll(ys))).then((perYear) => [perYear.flat()]);
    casesP = casesStore.getAll();
  }
  const [calendars, pupils, years, cases] = await Promise.all([calendarP, pupilsP, yearsP, casesP]);
  await tx.done;

  const calendar: SessionKey[] = [];
  calendars.forEach((rec, i) => {
    if (rec === undefined) return;
    const base = yearBaseDay(yearStarts[i] as IsoDate);
    rec.counts.forEach((n, slot) => {
      if (n > 0) calendar.push(slotKeyFromBase(base, slot));
    });
  });

  const caseHistories = new Map<string, CaseEvent[]>();
  for (const c of cases) if (c !== undefined) caseHistories.set(c.pupilId, c.events);

  const stored: StoredHistory[] = [];
  if (pupilIds !== undefined) {
    pupils.forEach((pupil, i) => {
      if (pupil === undefined) return;
      const ys = (years[i] ?? []).filter((r): r is YearRecord => r !== undefined).map(decodeYear);
      stored.push({ pupil, years: ys, history: historyFromYears(pupil, ys) });
    });
  } else {
    const byPupil = new Map<string, YearRecord[]>();
    for (const rec of years[0] ?? []) {
      if (rec === undefined) continue;
      const list = byPupil.get(rec.pupilId) ?? [];
      list.push(rec);
      byPupil.set(rec.pupilId, list);
    }
    for (const pupil of pupils) {
      if (pupil === undefined) continue;
      const ys = (byPupil.get(pupil.id) ?? []).sort((a, b) => (a.yearStart < b.yearStart ? -1 : 1)).map(decodeYear);
      stored.push({ pupil, years: ys, history: historyFromYears(pupil, ys) });
    }
  }
  return { settings, yearStarts, stored, calendar, caseHistories };
}
