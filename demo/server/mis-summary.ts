// The demo MIS's own attendance summary, computed the plain way an MIS does it: count the marks it
// holds up to today and divide. It is deliberately independent of engine/ (which the product brings):
// it is "the MIS's figure" that staff would compare the product's figures with.
// Categories follow domain.md §2–3: attendance % = (present + approved activity) / possible.
import { markCodeInfo } from './mark-codes.ts';

export interface MisSummary {
  possible: number;
  present: number;
  approvedActivity: number;
  authorised: number;
  unauthorised: number;
  /** Late before the register closed (L) and after (U). */
  lateBefore: number;
  lateAfter: number;
  notCounted: number;
  noMark: number;
  /** Rounded to one decimal for display; null when there are no possible sessions. */
  attendancePct: number | null;
  codeCounts: Record<string, number>;
}

/** Legacy codes keep their legacy meaning (domain.md §2). */
const LEGACY: Record<string, 'authorised' | 'aea' | 'not-counted'> = { H: 'authorised', F: 'authorised', J: 'aea', Y: 'not-counted' };

/** Summarise marks; `schoolSession[i]` says whether the i-th session was a school session (for `-`). */
export function misSummary(codes: readonly string[], schoolSession: readonly boolean[]): MisSummary {
  const s: MisSummary = {
    possible: 0,
    present: 0,
    approvedActivity: 0,
    authorised: 0,
    unauthorised: 0,
    lateBefore: 0,
    lateAfter: 0,
    notCounted: 0,
    noMark: 0,
    attendancePct: null,
    codeCounts: {},
  };
  codes.forEach((code, i) => {
    if (code === '' || code === '-') {
      if (schoolSession[i]) s.noMark++;
      return;
    }
    s.codeCounts[code] = (s.codeCounts[code] ?? 0) + 1;
    const info = markCodeInfo(code);
    const category = info?.category === 'legacy' ? LEGACY[code] : info?.category;
    switch (category) {
      case 'present':
        s.present++;
        s.possible++;
        if (code === 'L') s.lateBefore++;
        break;
      case 'aea':
        s.approvedActivity++;
        s.possible++;
        break;
      case 'authorised':
        s.authorised++;
        s.possible++;
        break;
      case 'unauthorised':
        s.unauthorised++;
        s.possible++;
        if (code === 'U') s.lateAfter++;
        break;
      case 'not-counted':
        s.notCounted++;
        break;
      default:
        // 'admin' (Z, #) and codes this MIS does not know: not possible sessions.
        break;
    }
  });
  if (s.possible > 0) {
    // Integer arithmetic, then round half up to one decimal (domain.md §3: round only for display).
    // floor((2000a + p) / 2p) = floor(1000a/p + 1/2), all in integers.
    const attended = s.present + s.approvedActivity;
    s.attendancePct = Math.floor((attended * 2000 + s.possible) / (2 * s.possible)) / 10;
  }
  return s;
}
