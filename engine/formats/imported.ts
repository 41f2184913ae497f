// What an import format (marks CSV, CTF) yields before it becomes engine histories: pupils in the
// order the file first names them, each with its marks by session.
//
// While a file is read, marks are kept compactly (MarkCollector): codes interned once, and each pupil's
// marks as one 16-bit code number per session, so memory grows with the number of pupils and the
// sessions they cover, never with the size of the file (a 1 GB export repeats each pupil's name on
// every row). The report command turns them straight into engine histories; the extension's import
// asks for ImportedPupil objects.

import { fromEpochDay, isWeekendKey, keyHalf } from '../dates.ts';
import type { MarkRow, PupilAttributes, PupilHistory, SessionKey } from '../types.ts';

export interface ImportedPupil {
  pupilId: string;
  name: string;
  attributes: PupilAttributes;
  /** Marks by session key, in session order. A later mark for the same session replaces the earlier one (domain.md §8.12–13). */
  marks: Map<SessionKey, MarkRow>;
}

export type ImportResult = { ok: true; pupils: ImportedPupil[] } | { ok: false; errors: string[] };

/** Errors beyond this many are summarised, so a wholly wrong file gives a readable message. */
export const MAX_ERRORS = 20;

/** Formats the error list, summarising beyond MAX_ERRORS. */
export function capErrors(errors: string[]): string[] {
  if (errors.length <= MAX_ERRORS) return errors;
  return [...errors.slice(0, MAX_ERRORS), `… and ${errors.length - MAX_ERRORS} more errors`];
}

/** Keeps the first MAX_ERRORS messages and counts the rest: linear time and bounded memory for any file. */
export class ErrorList {
  readonly first: string[] = [];
  count = 0;

  add(message: string): void {
    if (this.first.length < MAX_ERRORS) this.first.push(message);
    this.count++;
  }

  /** The messages, with "… and N more errors" when there were more than MAX_ERRORS. */
  list(): string[] {
    const more = this.count - this.first.length;
    return more > 0 ? [...this.first, `… and ${more} more errors`] : [...this.first];
  }
}

/** Code number 0: no row for the session. */
const NONE = 0;
/** Code number 1: a row with an empty code (no mark, domain.md §8.11), which never erases a mark. */
export const EMPTY_CODE = 1;
/** Most different codes one file may hold (code numbers are 16-bit). */
export const MAX_CODES = 0xffff;

/** One pupil while a file is read. */
export interface CollectedPupil {
  pupilId: string;
  name: string;
  attributes: PupilAttributes;
  /** Session key of slots[0]. */
  base: number;
  /** Code number per session from `base`; 0 = no row. Empty until the first mark. */
  slots: Uint16Array;
}

const NO_SLOTS = new Uint16Array(0);

/** Collects pupils in first-seen order, and their marks, compactly. */
export class MarkCollector {
  private readonly byId = new Map<string, CollectedPupil>();
  private readonly list: CollectedPupil[] = [];
  private readonly codeNumbers = new Map<string, number>([['', EMPTY_CODE]]);
  /** Code by code number. */
  readonly codes: string[] = ['', ''];

  get size(): number {
    return this.list.length;
  }

  /**
   * The code number of a code (interned: each different code is stored once), or -1 when the file
   * already holds MAX_CODES different codes (no register has that many: the caller refuses the file).
   */
  codeNumber(code: string): number {
    let n = this.codeNumbers.get(code);
    if (n === undefined) {
      if (this.codes.length >= MAX_CODES) return -1;
      n = this.codes.length;
      this.codes.push(code);
      this.codeNumbers.set(code, n);
    }
    return n;
  }

  pupil(pupilId: string): CollectedPupil {
    let p = this.byId.get(pupilId);
    if (p === undefined) {
      p = { pupilId, name: '', attributes: {}, base: 0, slots: NO_SLOTS };
      this.byId.set(pupilId, p);
      this.list.push(p);
    }
    return p;
  }

  /**
   * Records a mark; the later of two marks for the same session wins (domain.md §8.12, §8.13).
   * Saturday and Sunday marks are dropped here: they are ignored everywhere (domain.md §8.5).
   * An empty code is no mark (§8.11) and does not erase an earlier mark, as in historyFromRows:
   * a blank cell must never silently delete recorded data.
   */
  mark(p: CollectedPupil, key: SessionKey, code: number): void {
    if (isWeekendKey(key)) return;
    let i = key - p.base;
    if (i < 0 || i >= p.slots.length) {
      grow(p, key);
      i = key - p.base;
    }
    if (code === EMPTY_CODE && p.slots[i] !== NONE) return;
    p.slots[i] = code;
  }

  /**
   * The engine's dense histories (as historyFromRows builds them: from the first to the last
   * session with a code, `''` elsewhere), in first-seen order. Each pupil's compact marks are
   * released as its history is built.
   */
  histories(): PupilHistory[] {
    const out: PupilHistory[] = [];
    const codes = this.codes;
    for (const p of this.list) {
      const slots = p.slots;
      let lo = 0;
      let hi = slots.length - 1;
      while (lo <= hi && slots[lo]! <= EMPTY_CODE) lo++;
      while (hi >= lo && slots[hi]! <= EMPTY_CODE) hi--;
      const h: PupilHistory = { pupilId: p.pupilId, name: p.name, firstKey: 0, codes: [] };
      if (Object.keys(p.attributes).length > 0) h.attributes = p.attributes;
      if (lo <= hi) {
        const dense = new Array<string>(hi - lo + 1);
        for (let i = lo; i <= hi; i++) dense[i - lo] = codes[slots[i]!]!;
        h.firstKey = p.base + lo;
        h.codes = dense;
      }
      p.slots = NO_SLOTS;
      out.push(h);
    }
    return out;
  }

  /** The pupils with their marks as rows by session key (session order), empty codes included. */
  importedPupils(): ImportedPupil[] {
    const dates = new Map<number, string>();
    return this.list.map((p) => {
      const marks = new Map<SessionKey, MarkRow>();
      for (let i = 0; i < p.slots.length; i++) {
        const n = p.slots[i]!;
        if (n === NONE) continue;
        const key = p.base + i;
        const day = key >> 1;
        let date = dates.get(day);
        if (date === undefined) {
          date = fromEpochDay(day);
          dates.set(day, date);
        }
        marks.set(key, { date, session: keyHalf(key), code: this.codes[n]! });
      }
      return { pupilId: p.pupilId, name: p.name, attributes: p.attributes, marks };
    });
  }
}

/** Widens a pupil's slots to hold `key`, doubling so that n marks cost O(n) copying in all. */
function grow(p: CollectedPupil, key: number): void {
  const old = p.slots;
  if (old.length === 0) {
    // Two school years of sessions from an August start: most pupils never grow again.
    p.base = key - (key % 2);
    p.slots = new Uint16Array(1024);
    return;
  }
  const end = p.base + old.length;
  const extra = Math.max(old.length, 256);
  const base = key < p.base ? Math.min(key, p.base - extra) : p.base;
  const last = key >= end ? Math.max(key + 1, end + extra) : end;
  const slots = new Uint16Array(last - base);
  slots.set(old, p.base - base);
  p.base = base;
  p.slots = slots;
}
