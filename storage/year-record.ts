// One pupil's marks for one academic year in compact form (design.md: "compact records, one per
// pupil per academic year, marks by session index"). Aim: well under 1 KB per pupil-year.
//
// Slots: weekday sessions only, counted from the Monday of the week holding the first weekday on or
// after 1 August (domain.md §1: academic year 1 Aug – 31 Jul; §8.5: weekend marks are ignored
// everywhere, so they are not stored). slot = (weeks since that Monday × 5 + weekday) × 2 + (PM ? 1 : 0).
// At most 53 weeks → 530 slots.
//
// codes: one char per slot. Known codes map to one ASCII char (ALPHABET); '.' is an empty slot; codes
// the engine does not know are kept raw (domain.md §2: never guessed) in `extra`, as chars from U+00A1
// on (still one byte each in the browser's Latin-1 string serialisation).
// originals: what the MIS showed, when it differs from the code. `orig[code]` is the usual spelling for
// a code in this pupil-year, `origAt[slot]` the exceptions, so a consistent local spelling costs a few
// bytes per year rather than per mark.
// reads: when each slot was last read (seconds since 2020-01-01Z), as delta-coded runs (decodeYear).
// Needed so an older read arriving late never overwrites a newer one.
import { CODE_TABLE } from '../engine/codes.ts';
import { academicYearStart, mondayOf, toEpochDay, weekdayOfDay } from '../engine/dates.ts';
import type { Half, IsoDate, SessionKey } from '../engine/types.ts';

/** The stored form (IndexedDB `years` store, schema v2). Key: [pupilId, yearStart]. */
export interface YearRecord {
  pupilId: string;
  /** 1 August of the academic year, `YYYY-08-01`. */
  yearStart: IsoDate;
  codes: string;
  extra: string[];
  orig: Record<string, string>;
  origAt: Record<string, string>;
  reads: number[];
}

/** A year decoded into plain arrays for merging (one entry per slot). */
export interface YearSlots {
  pupilId: string;
  yearStart: IsoDate;
  /** Code per slot; '' = empty. */
  codes: string[];
  /** What the MIS showed per slot (same as the code when nothing else was shown). */
  originals: string[];
  /** Read time per slot in seconds since 2020-01-01Z; NO_READ when never read. */
  times: number[];
}

export const SLOTS_PER_YEAR = 53 * 5 * 2;
export const NO_READ = -2147483648;
const EMPTY = '.';
const EXTRA_BASE = 0xa1;
const EXTRA_MAX = 0xff - EXTRA_BASE + 1;
const EPOCH_2020_MS = Date.UTC(2020, 0, 1);

// Statutory and legacy codes (domain.md §2), from the engine's code list (engine/codes.ts): a
// single-character code stands for itself; each longer one has its own stored character here, fixed
// for ever (stored records use them).
const MULTI: Record<string, string> = {
  C1: '1',
  C2: '2',
  J1: '3',
  Y1: 'a',
  Y2: 'b',
  Y3: 'c',
  Y4: 'd',
  Y5: 'e',
  Y6: 'f',
  Y7: 'g',
};
const SINGLE = CODE_TABLE.map((c) => c.code).filter((c) => c.length === 1);
const CODE_TO_CHAR = new Map<string, string>([...SINGLE.map((c) => [c, c] as const), ...Object.entries(MULTI)]);
const CHAR_TO_CODE = new Map<string, string>([...CODE_TO_CHAR].map(([code, ch]) => [ch, code] as const));

/** Seconds since 2020-01-01Z of an ISO timestamp (a small integer: stored compactly). */
export function readSeconds(readAt: string): number {
  const ms = Date.parse(readAt);
  if (Number.isNaN(ms)) throw new Error(`Invalid readAt ${JSON.stringify(readAt)}: expected an ISO timestamp`);
  return Math.floor((ms - EPOCH_2020_MS) / 1000);
}

/** ISO timestamp of seconds since 2020-01-01Z. */
export function secondsToIso(s: number): string {
  return new Date(EPOCH_2020_MS + s * 1000).toISOString();
}

/** Epoch day of slot 0 of the academic year starting `yearStart`: the Monday of the week holding its first weekday. */
export function yearBaseDay(yearStart: IsoDate): number {
  // +2: when 1 Aug is a Saturday or Sunday, that week's weekdays belong to the previous year.
  return mondayOf(toEpochDay(yearStart) + 2);
}

const baseDays = new Map<IsoDate, number>();

/** Where a session lives: its academic year and slot, or null for Saturday/Sunday (domain.md §8.5). */
export function slotOf(date: IsoDate, session: Half): { yearStart: IsoDate; slot: number } | null {
  const day = toEpochDay(date);
  const wd = weekdayOfDay(day);
  if (wd >= 5) return null;
  const yearStart = academicYearStart(date);
  // Cached: this runs for every mark of every page read.
  let base = baseDays.get(yearStart);
  if (base === undefined) {
    base = yearBaseDay(yearStart);
    baseDays.set(yearStart, base);
  }
  const weeks = Math.floor((day - base) / 7);
  return { yearStart, slot: (weeks * 5 + wd) * 2 + (session === 'PM' ? 1 : 0) };
}

/** Session key of a slot in a year. */
export function slotKey(yearStart: IsoDate, slot: number): SessionKey {
  return slotKeyFromBase(yearBaseDay(yearStart), slot);
}

/** Session key of a slot, given the year's base day (yearBaseDay): for loops over every slot. */
export function slotKeyFromBase(baseDay: number, slot: number): SessionKey {
  const idx = slot >> 1;
  return (baseDay + Math.floor(idx / 5) * 7 + (idx % 5)) * 2 + (slot & 1);
}

/** Slot of a session key in a given year (the key must be a weekday session of that year). */
export function keySlot(yearStart: IsoDate, key: SessionKey): number {
  const day = Math.floor(key / 2);
  const d = day - yearBaseDay(yearStart);
  return (Math.floor(d / 7) * 5 + (d % 7)) * 2 + (key & 1);
}

export function emptySlots(pupilId: string, yearStart: IsoDate): YearSlots {
  return {
    pupilId,
    yearStart,
    codes: new Array<string>(SLOTS_PER_YEAR).fill(''),
    originals: new Array<string>(SLOTS_PER_YEAR).fill(''),
    times: new Array<number>(SLOTS_PER_YEAR).fill(NO_READ),
  };
}

export function decodeYear(rec: YearRecord): YearSlots {
  const out = emptySlots(rec.pupilId, rec.yearStart);
  const n = Math.min(rec.codes.length, SLOTS_PER_YEAR);
  for (let i = 0; i < n; i++) {
    const ch = rec.codes[i] as string;
    if (ch === EMPTY) continue;
    const cc = ch.charCodeAt(0);
    let code: string | undefined;
    if (cc >= EXTRA_BASE) code = rec.extra[cc - EXTRA_BASE];
    else code = CHAR_TO_CODE.get(ch);
    if (code === undefined) {
      throw new Error(`Corrupt year record ${rec.pupilId} ${rec.yearStart}: unknown char U+${cc.toString(16)} at slot ${i}`);
    }
    out.codes[i] = code;
    out.originals[i] = rec.origAt[String(i)] ?? rec.orig[code] ?? code;
  }
  // reads: runs from slot 0 on; `-n` skips n unread slots, `n, dt` gives the next n slots the time
  // of the previous run + dt (delta-coded: weekly reads cost a few bytes each).
  let slot = 0;
  let t = 0;
  for (let r = 0; r < rec.reads.length; ) {
    const n = rec.reads[r++] as number;
    if (n < 0) {
      slot -= n;
      continue;
    }
    t += rec.reads[r++] as number;
    const end = Math.min(slot + n, SLOTS_PER_YEAR);
    for (let i = slot; i < end; i++) out.times[i] = t;
    slot += n;
  }
  return out;
}

export function encodeYear(y: YearSlots): YearRecord {
  let last = -1;
  for (let i = SLOTS_PER_YEAR - 1; i >= 0; i--) {
    if (y.codes[i] !== '' || y.times[i] !== NO_READ) {
      last = i;
      break;
    }
  }
  const extra: string[] = [];
  const orig: Record<string, string> = {};
  const origAt: Record<string, string> = {};
  let codes = '';
  for (let i = 0; i <= last; i++) {
    const code = y.codes[i] as string;
    if (code === '') {
      codes += EMPTY;
      continue;
    }
    let ch = CODE_TO_CHAR.get(code);
    if (ch === undefined) {
      let k = extra.indexOf(code);
      if (k < 0) {
        if (extra.length >= EXTRA_MAX) {
          throw new Error(
            `Pupil ${y.pupilId}, year from ${y.yearStart}: more than ${EXTRA_MAX} different unknown codes; refusing to store (nothing was changed).`,
          );
        }
        extra.push(code);
        k = extra.length - 1;
      }
      ch = String.fromCharCode(EXTRA_BASE + k);
    }
    codes += ch;
    const shown = y.originals[i] || code;
    const usual = orig[code];
    if (usual === undefined) {
      if (shown !== code) orig[code] = shown;
      // Else the usual spelling is the code itself; a later different spelling becomes an exception.
      else orig[code] = code;
    } else if (usual !== shown) {
      origAt[String(i)] = shown;
    }
  }
  // Drop identity entries: decoding falls back to the code itself.
  for (const [k, v] of Object.entries(orig)) if (k === v) delete orig[k];
  const reads: number[] = [];
  let prevT = 0;
  let i = 0;
  while (i <= last) {
    const t = y.times[i] as number;
    let j = i + 1;
    while (j <= last && y.times[j] === t) j++;
    if (t === NO_READ) reads.push(-(j - i));
    else {
      reads.push(j - i, t - prevT);
      prevT = t;
    }
    i = j;
  }
  return { pupilId: y.pupilId, yearStart: y.yearStart, codes, extra, orig, origAt, reads };
}

