// Data-quality findings for one pupil (domain.md §6): shown to a person, never silently fixed.

import { CODE_ID_COUNT, CODE_TABLE, EMPTY_ID, UNKNOWN_ID, codeId } from './codes.ts';
import { keyDay, sessionLabel, shortDate } from './dates.ts';
import type { SchoolCalendar } from './school-calendar.ts';
import type { DataQualityFinding, PupilHistory, PupilMeasures, SessionKey } from './types.ts';
import { plural } from './plural.ts';

/** `N` recorded more than this many school days before the as-of date is stale (§6). */
export const STALE_N_SCHOOL_DAYS = 5;

const CATEGORY_WORDS: Record<string, string> = {
  present: 'present',
  aea: 'an approved educational activity (attended)',
  authorised: 'authorised absence',
  unauthorised: 'unauthorised absence',
  'not-counted': 'not a possible session',
  administrative: 'not a possible session',
};

const N_ID = codeId('N');
const DASH_ID = codeId('-');
const LEGACY_ID = new Uint8Array(CODE_ID_COUNT);
CODE_TABLE.forEach((c, id) => {
  if (c.legacy) LEGACY_ID[id] = 1;
});
/** The ids the pass over every session looks at: N, unknown codes and withdrawn codes. */
const WATCHED_ID = LEGACY_ID.slice();
WATCHED_ID[N_ID] = 1;
WATCHED_ID[UNKNOWN_ID] = 1;

/** "on Tue 12 Nov AM" for one session, "between 1 Sep and 20 Nov" for several. */
function when(keys: SessionKey[], cal: SchoolCalendar): string {
  const first = keys[0] as number;
  const last = keys[keys.length - 1] as number;
  const withYear = first < cal.yearStartKey;
  if (keys.length === 1) return `on ${sessionLabel(first, withYear)}`;
  if (keyDay(first) === keyDay(last)) return `on ${shortDate(keyDay(first), withYear)}`;
  return `between ${shortDate(keyDay(first), withYear)} and ${shortDate(keyDay(last), withYear)}`;
}

/**
 * Findings, in this order: missing marks (year to date, between the pupil's first and last marked
 * session, §8.8), `N` older than 5 school days (all data up to asOf: an unresolved N anywhere can
 * still sit in a penalty-notice window), unknown codes (year to date, one finding per code),
 * legacy codes (all data up to asOf, one finding per code), and a pupil exactly on 10% or 50% absence.
 */
export function dataQuality(h: PupilHistory, cal: SchoolCalendar, measures: PupilMeasures): DataQualityFinding[] {
  const findings: DataQualityFinding[] = [];
  const sessions = cal.sessions;
  const ids = cal.pupilCodeIds(h);
  const n = h.codes.length;
  // School sessions up to asOf within the pupil's history (the only ones that can carry a mark).
  const from = n > 0 ? cal.indexAtOrAfter(h.firstKey) : 0;
  const to = n > 0 ? cal.indexAtOrAfter(h.firstKey + n) : 0;

  // Missing marks: school sessions with '' or '-' between first and last marked session ytd (§8.8).
  if (measures.firstKey !== null && measures.lastKey !== null && measures.missingMarks > 0) {
    const keys: SessionKey[] = [];
    for (let i = cal.indexAtOrAfter(measures.firstKey); i < to; i++) {
      const key = sessions[i] as number;
      if (key > measures.lastKey) break;
      const id = ids[i];
      if (id === EMPTY_ID || id === DASH_ID) keys.push(key);
    }
    if (keys.length > 0) {
      findings.push({
        kind: 'missing-mark',
        message: `${plural(keys.length, 'session', 'sessions')} with no mark ${when(keys, cal)}`,
        keys,
      });
    }
  }

  // One pass over the pupil's school sessions for stale N (all data), unknown codes (this year) and
  // withdrawn codes (all data).
  // Stale N: school days are the distinct dates of school sessions up to asOf. The most recent one is
  // 0 school days old; an N more than STALE_N_SCHOOL_DAYS school days old (so with asOf a Friday, the
  // previous Thursday or earlier) should have become a reason or O.
  let cutoffKey = -Infinity; // N on a session key < cutoffKey is stale
  if (to > from) {
    let daysSeen = 0;
    let lastDay = -1;
    for (let i = sessions.length - 1; i >= 0; i--) {
      const day = keyDay(sessions[i] as number);
      if (day === lastDay) continue;
      lastDay = day;
      if (daysSeen === STALE_N_SCHOOL_DAYS) {
        cutoffKey = day * 2; // this day is exactly STALE_N_SCHOOL_DAYS old: not yet stale
        break;
      }
      daysSeen++;
    }
  }
  // Allocated only when something is found: most pupils have nothing to report.
  let staleN: SessionKey[] | null = null;
  let unknown: Map<string, SessionKey[]> | null = null;
  let legacy: Map<string, SessionKey[]> | null = null;
  for (let i = from; i < to; i++) {
    const id = ids[i] as number;
    if (WATCHED_ID[id] === 0) continue;
    const key = sessions[i] as number;
    if (id === N_ID) {
      if (key < cutoffKey) (staleN ??= []).push(key);
      continue;
    }
    if (id === UNKNOWN_ID && i < cal.ytdStartIndex) continue;
    const c = h.codes[key - h.firstKey] as string;
    const map = id === UNKNOWN_ID ? (unknown ??= new Map()) : (legacy ??= new Map());
    const list = map.get(c);
    if (list) list.push(key);
    else map.set(c, [key]);
  }
  if (staleN !== null) {
    findings.push({
      kind: 'stale-n',
      message: `${plural(staleN.length, 'session', 'sessions')} still coded N (reason not yet provided) more than ${STALE_N_SCHOOL_DAYS} school days ago, ${when(staleN, cal)}: record the reason or O`,
      keys: staleN,
    });
  }
  for (const [code, keys] of unknown ?? []) {
    findings.push({
      kind: 'unknown-code',
      message: `Unknown code ${JSON.stringify(code)} on ${plural(keys.length, 'session', 'sessions')} ${when(keys, cal)}: not counted until it is mapped to a statutory code (codes are case-sensitive)`,
      keys,
    });
  }
  for (const [code, keys] of legacy ?? []) {
    const info = CODE_TABLE.find((c) => c.code === code);
    findings.push({
      kind: 'legacy-code',
      message: `Withdrawn code ${code} (${info?.meaning ?? ''}) on ${plural(keys.length, 'session', 'sessions')} ${when(keys, cal)}: counted as ${CATEGORY_WORDS[info?.category ?? ''] ?? 'unknown'}`,
      keys,
    });
  }

  // Exactly on a boundary (§6): one more or fewer session changes the pupil's PA / SA status.
  const { attended, possible } = measures;
  if (possible > 0 && 100 * attended === 90 * possible) {
    findings.push({
      kind: 'on-boundary',
      message: `Exactly on the persistent-absence boundary: ${attended} of ${possible} possible sessions attended (90.0%, absence 10%)`,
    });
  }
  if (possible > 0 && 100 * attended === 50 * possible) {
    findings.push({
      kind: 'on-boundary',
      message: `Exactly on the severe-absence boundary: ${attended} of ${possible} possible sessions attended (50.0%, absence 50%)`,
    });
  }
  return findings;
}
