// The stand-ins of an anonymised capture: the same pupil gets the same stand-in on every
// page. The map is plain data held by the caller (the capture screen keeps it for the session, or
// saves it beside the fixtures), so anonymise() stays a function of its arguments.

export interface StandIn {
  id: string;
  forename: string;
  surname: string;
  /** A UPN-shaped stand-in (letter + 12 digits) that fails the UPN check letter, so it is never real. */
  upn: string;
  /** YYYY-MM-DD. */
  dateOfBirth: string;
  address: string;
}

export interface StandInMap {
  /** Original pupil id → stand-in. */
  pupils: Record<string, StandIn>;
}

export function newStandInMap(): StandInMap {
  return { pupils: {} };
}

const SYLLABLES = ['ka', 'lo', 'mi', 'nu', 're', 'sa', 'te', 'vo', 'zu', 'bi'];

/** A made-up word for n (never a real name in our lists: two or three CV syllables, capitalised). */
function word(n: number, salt: number): string {
  let s = '';
  let x = n * 7 + salt;
  for (let i = 0; i < 3; i++) {
    s += SYLLABLES[x % SYLLABLES.length];
    x = Math.floor(x / SYLLABLES.length) + (i + 1) * salt;
  }
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/**
 * The stand-in of a pupil, created on first use. Ids keep their shape (digits stay digits, so an
 * adapter's patterns still match the fixture) and never equal an id already in the map or in `avoid`.
 */
export function standInFor(map: StandInMap, pupilId: string, avoid: ReadonlySet<string> = new Set()): StandIn {
  const known = map.pupils[pupilId];
  if (known) return known;
  const n = Object.keys(map.pupils).length + 1;
  const used = new Set(Object.values(map.pupils).map((s) => s.id));
  let id: string;
  let k = n;
  do {
    id = /^\d+$/.test(pupilId)
      ? String(10 ** pupilId.length - k).padStart(pupilId.length, '9') // 1042 → 9999, 9998, …
      : `anon-${k}`;
    k++;
  } while (used.has(id) || avoid.has(id) || id === pupilId);
  const s: StandIn = {
    id,
    forename: word(n, 3),
    surname: word(n, 5),
    upn: `Z${String(n).padStart(12, '0')}`,
    dateOfBirth: `2000-01-${String((n % 28) + 1).padStart(2, '0')}`,
    address: `${n} Example Street, Testtown ZZ99 9ZZ`,
  };
  map.pupils[pupilId] = s;
  return s;
}
