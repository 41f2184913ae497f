// The attendance codes (domain.md §2): statutory codes from 19 August 2024 (SI 2024/208 reg. 10),
// the withdrawn codes that old history may still carry, and the two "no mark" forms.
// Lookups are by small integer id so the engine's loops never hash strings (see codeId).

export type CodeCategory =
  | 'present'
  | 'aea'
  | 'authorised'
  | 'unauthorised'
  | 'not-counted'
  | 'administrative'
  | 'missing'
  | 'unknown';

export interface CodeInfo {
  code: string;
  meaning: string;
  category: CodeCategory;
  /** Counts as a possible session (domain.md §3). */
  possible: boolean;
  /** Counts towards the national penalty-notice threshold (domain.md §4). */
  epn: boolean;
  /** Withdrawn code kept for history recorded before 19 Aug 2024 (domain.md §2, §8.9). */
  legacy: boolean;
}

type Row = [code: string, meaning: string, category: CodeCategory, epn?: boolean, legacy?: boolean];

const ROWS: Row[] = [
  ['/', 'present (AM)', 'present'],
  ['\\', 'present (PM)', 'present'],
  ['L', 'late, arrived before the register closed', 'present'],
  ['B', 'other approved educational activity off site', 'aea'],
  ['K', 'education provision arranged by the local authority', 'aea'],
  ['P', 'approved sporting activity', 'aea'],
  ['V', 'educational visit or trip', 'aea'],
  ['W', 'work experience', 'aea'],
  ['C', 'leave of absence, exceptional circumstances', 'authorised'],
  ['C1', 'leave for a regulated performance or employment abroad', 'authorised'],
  ['C2', 'part-time timetable', 'authorised'],
  ['E', 'suspended or permanently excluded, no alternative provision', 'authorised'],
  ['I', 'illness', 'authorised'],
  ['J1', 'leave to attend an interview', 'authorised'],
  ['M', 'medical or dental appointment', 'authorised'],
  ['R', 'religious observance', 'authorised'],
  ['S', 'study leave', 'authorised'],
  ['T', 'parent travelling for occupational purposes (GRT)', 'authorised'],
  ['G', 'holiday not granted by the school', 'unauthorised', true],
  ['N', 'reason not yet provided', 'unauthorised', true],
  ['O', 'absent in other or unknown circumstances', 'unauthorised', true],
  ['U', 'arrived after the register closed', 'unauthorised', true],
  ['D', 'attending another school where dual registered', 'not-counted'],
  ['Q', 'unable to attend: lack of local-authority access arrangements', 'not-counted'],
  ['X', 'below compulsory school age, not required to attend', 'not-counted'],
  ['Y1', 'unable to attend: transport not available', 'not-counted'],
  ['Y2', 'unable to attend: widespread disruption to travel', 'not-counted'],
  ['Y3', 'unable to attend: part of the school premises closed', 'not-counted'],
  ['Y4', 'unable to attend: whole school site unexpectedly closed', 'not-counted'],
  ['Y5', 'unable to attend: criminal justice detention', 'not-counted'],
  ['Y6', 'unable to attend: public health guidance or law', 'not-counted'],
  ['Y7', 'unable to attend: any other exceptional circumstance', 'not-counted'],
  ['Z', 'pupil not yet on roll', 'administrative'],
  ['#', 'planned whole or partial school closure', 'administrative'],
  ['-', 'no mark recorded', 'missing'],
  // Withdrawn in 2024 (F in 2013): legacy meaning whatever their date (domain.md §2, §8.9).
  ['H', 'authorised holiday (withdrawn 2024)', 'authorised', false, true],
  ['F', 'extended family holiday, agreed (withdrawn 2013)', 'authorised', false, true],
  ['J', 'interview (withdrawn 2024; now J1)', 'aea', false, true],
  ['Y', 'unable to attend due to exceptional circumstances (withdrawn 2024; now Y1–Y7)', 'not-counted', false, true],
];

function isPossible(c: CodeCategory): boolean {
  return c === 'present' || c === 'aea' || c === 'authorised' || c === 'unauthorised';
}

/** Every known code, in legend order (statutory, then `-`, then legacy). */
export const CODE_TABLE: readonly CodeInfo[] = Object.freeze(
  ROWS.map(([code, meaning, category, epn = false, legacy = false]) =>
    Object.freeze({ code, meaning, category, possible: isPossible(category), epn, legacy }),
  ),
);

/** Codes counted by the national penalty-notice threshold (domain.md §4). */
export const EPN_CODES: readonly string[] = Object.freeze(['G', 'N', 'O', 'U']);

const EMPTY_INFO: CodeInfo = Object.freeze({
  code: '',
  meaning: 'no mark recorded',
  category: 'missing',
  possible: false,
  epn: false,
  legacy: false,
});

/** Category numbers used by the engine's loops (index of `CATEGORY_NAMES`). */
export const CAT = {
  present: 0,
  aea: 1,
  authorised: 2,
  unauthorised: 3,
  notCounted: 4,
  administrative: 5,
  missing: 6,
  unknown: 7,
} as const;

export const CATEGORY_NAMES: readonly CodeCategory[] = [
  'present',
  'aea',
  'authorised',
  'unauthorised',
  'not-counted',
  'administrative',
  'missing',
  'unknown',
];

/** Id of `''` (no row for the session). Ids below it index CODE_TABLE. */
export const EMPTY_ID = CODE_TABLE.length;
/** Id of every code the engine does not know (domain.md §2: never guessed). */
export const UNKNOWN_ID = CODE_TABLE.length + 1;
/** Number of code ids (for per-id count arrays). */
export const CODE_ID_COUNT = CODE_TABLE.length + 2;

/** Category number of each code id. */
export const CODE_CAT: Uint8Array = (() => {
  const a = new Uint8Array(CODE_ID_COUNT);
  CODE_TABLE.forEach((info, i) => {
    a[i] = CATEGORY_NAMES.indexOf(info.category);
  });
  a[EMPTY_ID] = CAT.missing;
  a[UNKNOWN_ID] = CAT.unknown;
  return a;
})();

// One- and two-character codes are looked up by character code: no hashing, no allocation.
const ONE = new Int16Array(128).fill(UNKNOWN_ID);
const TWO = new Int16Array(128 * 128).fill(UNKNOWN_ID);
const BY_CODE = new Map<string, number>();
CODE_TABLE.forEach((info, i) => {
  BY_CODE.set(info.code, i);
  if (info.code.length === 1) ONE[info.code.charCodeAt(0)] = i;
  else if (info.code.length === 2) TWO[info.code.charCodeAt(0) * 128 + info.code.charCodeAt(1)] = i;
});

/**
 * Integer id of a code: an index of CODE_TABLE, EMPTY_ID for `''`, or UNKNOWN_ID. Codes are
 * case-sensitive (domain.md §8.11: `i` is unknown).
 */
export function codeId(code: string): number {
  const n = code.length;
  if (n === 1) {
    const c = code.charCodeAt(0);
    return c < 128 ? (ONE[c] as number) : UNKNOWN_ID;
  }
  if (n === 0) return EMPTY_ID;
  if (n === 2) {
    const a = code.charCodeAt(0);
    const b = code.charCodeAt(1);
    return a < 128 && b < 128 ? (TWO[a * 128 + b] as number) : UNKNOWN_ID;
  }
  return UNKNOWN_ID;
}

/** What a code means and how it counts (domain.md §2). Unknown codes are reported as such, never guessed. */
export function codeInfo(code: string): CodeInfo {
  const id = BY_CODE.get(code);
  if (id !== undefined) return CODE_TABLE[id] as CodeInfo;
  if (code === '') return EMPTY_INFO;
  return { code, meaning: 'unknown code', category: 'unknown', possible: false, epn: false, legacy: false };
}

/**
 * True when a mark makes its session a school session: any mark but `#` (planned closure), `-` (no
 * mark) or `''` (nothing read) (domain.md §1, §8.6). The school calendar is learned from it, in the
 * engine and in what storage keeps between reads.
 */
export function isSchoolSessionCode(code: string): boolean {
  return code !== '' && code !== '#' && code !== '-';
}

/** True when a session carries a mark: anything except `''` and `-` (domain.md §8.8). */
export function isMarked(code: string): boolean {
  return code !== '' && code !== '-';
}
