// Realised attendance rates of a demo school, computed the DfE way (domain.md §3): overall absence
// = absence sessions / possible sessions over all pupils; persistent absence (PA) = pupils whose
// absence is ≥ 10% of their possible sessions; severe (SA) = ≥ 50%. Year to date: from the start
// of the academic year containing `asOf` to `asOf`. Used by the generator's tests and the README.
// Threshold comparisons are in integer arithmetic (domain.md §3).

import { codeInfo } from '../engine/codes.ts';
import { academicYearStart, toEpochDay, weekdayOfDay } from '../engine/dates.ts';
import type { IsoDate } from '../engine/types.ts';
import type { DemoPupil, DemoSchool } from './types.ts';

export interface RateRow {
  group: string;
  pupils: number;
  possible: number;
  absent: number;
  absencePct: number;
  paPct: number;
  saPct: number;
}

export interface RealisedRates {
  asOf: IsoDate;
  rows: RateRow[];
  /** Absence % by weekday (0 = Mon) and half (0 = AM): pattern[w][h]. */
  pattern: number[][];
  /** Sessions per code (year to date, all pupils). */
  codeCounts: Record<string, number>;
}

const GROUPS: [string, (p: DemoPupil) => boolean][] = [
  ['all', () => true],
  ['FSM', (p) => p.fsm],
  ['not FSM', (p) => !p.fsm],
  ['SEN none', (p) => p.sen === 'N'],
  ['SEN support (K)', (p) => p.sen === 'K'],
  ['EHCP (E)', (p) => p.sen === 'E'],
];

/** Rates for the academic year containing `asOf`, up to and including `asOf`. */
export function realisedRates(school: DemoSchool, asOf: IsoDate): RealisedRates {
  const fromKey = toEpochDay(academicYearStart(asOf)) * 2;
  const toKey = toEpochDay(asOf) * 2 + 1;
  const codeCounts: Record<string, number> = {};
  const patAbs = [0, 1, 2, 3, 4].map(() => [0, 0]);
  const patPos = [0, 1, 2, 3, 4].map(() => [0, 0]);
  const per: { pupil: DemoPupil; possible: number; absent: number }[] = [];
  for (const pupil of school.pupils) {
    const h = school.histories.get(pupil.id);
    let possible = 0;
    let absent = 0;
    if (h) {
      const start = Math.max(fromKey, h.firstKey);
      const end = Math.min(toKey, h.firstKey + h.codes.length - 1);
      for (let k = start; k <= end; k++) {
        const code = h.codes[k - h.firstKey]!;
        if (code === '') continue;
        const wd = weekdayOfDay(k >> 1);
        if (wd >= 5) continue; // domain.md §8.5
        codeCounts[code] = (codeCounts[code] ?? 0) + 1;
        const info = codeInfo(code);
        if (!info.possible) continue;
        possible++;
        patPos[wd]![k & 1]!++;
        if (info.category === 'authorised' || info.category === 'unauthorised') {
          absent++;
          patAbs[wd]![k & 1]!++;
        }
      }
    }
    if (possible > 0) per.push({ pupil, possible, absent });
  }
  const rows = GROUPS.map(([group, test]): RateRow => {
    const members = per.filter((x) => test(x.pupil));
    const possible = members.reduce((s, x) => s + x.possible, 0);
    const absent = members.reduce((s, x) => s + x.absent, 0);
    const pa = members.filter((x) => 10 * x.absent >= x.possible).length;
    const sa = members.filter((x) => 2 * x.absent >= x.possible).length;
    const pct = (a: number, b: number) => (b === 0 ? 0 : (100 * a) / b);
    return {
      group,
      pupils: members.length,
      possible,
      absent,
      absencePct: pct(absent, possible),
      paPct: pct(pa, members.length),
      saPct: pct(sa, members.length),
    };
  });
  const pattern = patAbs.map((row, w) => row.map((a, h) => (patPos[w]![h]! === 0 ? 0 : (100 * a) / patPos[w]![h]!)));
  return { asOf, rows, pattern, codeCounts };
}

/** The rates as a plain-text table (for test output and the README). */
export function formatRates(school: DemoSchool, r: RealisedRates): string {
  const lines = [
    `${school.name} (${school.size}, seed ${school.seed}) — year to date at ${r.asOf}`,
    'group              pupils  absence%   PA%    SA%',
  ];
  for (const row of r.rows) {
    lines.push(
      `${row.group.padEnd(18)} ${String(row.pupils).padStart(6)} ${row.absencePct.toFixed(1).padStart(9)} ${row.paPct
        .toFixed(1)
        .padStart(6)} ${row.saPct.toFixed(1).padStart(6)}`,
    );
  }
  const days = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri'];
  lines.push(`absence% by session: ${r.pattern.map((p, i) => `${days[i]} ${p[0]!.toFixed(1)}/${p[1]!.toFixed(1)}`).join('  ')}`);
  const codes = Object.keys(r.codeCounts).sort();
  lines.push(`codes: ${codes.map((c) => `${c}=${r.codeCounts[c]}`).join(' ')}`);
  return lines.join('\n');
}
