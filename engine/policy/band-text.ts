// The plain-English state of a pupil's band: the badge, the panel's table and the policy preview all
// name it the same way. Below the policy's minimum sessions the pupil is shown as "too early to band"
// rather than hidden (domain.md §3).
import type { PupilMeasures } from '../types.ts';

/** Plain-English state of the band, used by the badge and its accessible name. */
export function bandText(band: { label: string | null; tooEarly: boolean }, m: Pick<PupilMeasures, 'possible'>): string {
  if (m.possible === 0) return 'No possible sessions';
  if (band.tooEarly) return 'Too early to band';
  return band.label ?? 'No band';
}
