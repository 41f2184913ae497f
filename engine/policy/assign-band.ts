// Assigns a pupil's attendance band under a policy (domain.md §3, §7), comparing exactly in integers.
// Band order and the picking rule are documented on BandSchema (schema.ts): the most severe "at most"
// band that holds wins (severe ≤ 50 over persistent ≤ 90); otherwise the best "at least" band that holds.

import type { BandResult, PupilMeasures } from '../types.ts';
import { comparePct } from './compare-pct.ts';
import type { Band, Policy } from './schema.ts';

function holds(b: Band, attended: number, possible: number): boolean {
  if (b.lowerBound !== undefined) return comparePct(attended, possible, b.inclusive ? 'gte' : 'gt', b.lowerBound);
  if (b.upperBound !== undefined) return comparePct(attended, possible, b.inclusive ? 'lte' : 'lt', b.upperBound);
  return false;
}

const NONE = { id: null, label: null, colour: null } as const;

/** The pupil's band; id null with tooEarly false when there are no possible sessions (domain.md §8.4). */
export function assignBand(m: PupilMeasures, policy: Policy): BandResult {
  if (m.possible <= 0) return { ...NONE, tooEarly: false };
  // A policy may set a minimum before banding; below it the pupil is shown as "too early to band" (§3).
  if (m.possible < policy.minSessionsForBanding) return { ...NONE, tooEarly: true };

  let chosen: Band | null = null;
  // Upper-bound bands: the last (most severe) that holds.
  for (const b of policy.bands) {
    if (b.upperBound !== undefined && holds(b, m.attended, m.possible)) chosen = b;
  }
  if (chosen === null) {
    // Lower-bound bands: the first (best) that holds.
    for (const b of policy.bands) {
      if (b.lowerBound !== undefined && holds(b, m.attended, m.possible)) {
        chosen = b;
        break;
      }
    }
  }
  if (chosen === null) return { ...NONE, tooEarly: false }; // only for a policy that skipped parsePolicy
  return { id: chosen.id, label: chosen.label, colour: chosen.colour, tooEarly: false };
}
