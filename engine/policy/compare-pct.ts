// Exact threshold comparison (domain.md §3: "compare thresholds exactly, before rounding, in integer
// arithmetic"). A bound has at most one decimal place (schema.ts PctSchema), so it is scaled to tenths:
// attendance ≥ 96.5% ⇔ 100·attended/possible ≥ 965/10 ⇔ 1000·attended ≥ 965·possible. Session counts
// are small integers, so both sides stay far below 2^53 and are exact.

export type PctOp = 'lt' | 'lte' | 'gt' | 'gte';

/** A one-decimal percentage as an integer number of tenths (96.5 → 965). */
export function pctTenths(pct: number): number {
  return Math.round(pct * 10);
}

/** True when `attended / possible × 100` stands in relation `op` to `pct`, computed exactly. possible must be > 0. */
export function comparePct(attended: number, possible: number, op: PctOp, pct: number): boolean {
  const lhs = 1000 * attended;
  const rhs = pctTenths(pct) * possible;
  switch (op) {
    case 'lt':
      return lhs < rhs;
    case 'lte':
      return lhs <= rhs;
    case 'gt':
      return lhs > rhs;
    case 'gte':
      return lhs >= rhs;
  }
}

/** attended/possible × 100 rounded half up to one decimal, in integers (for display only). */
export function roundedPct(attended: number, possible: number): number {
  // floor((1000·a + p/2) / p) tenths, computed as floor((2000·a + p) / (2p)).
  return Math.floor((2000 * attended + possible) / (2 * possible)) / 10;
}

/** "91.4%" — one decimal, as measures.attendancePct is displayed. */
export function formatPct(rounded: number): string {
  return `${rounded.toFixed(1)}%`;
}

/** A bound as printed in a policy: "92%", "96.5%". */
export function formatBound(pct: number): string {
  return `${pctTenths(pct) / 10}%`;
}
