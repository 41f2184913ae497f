// Small display helpers shared by the components. Dates come from engine/dates.ts (integer
// calendar arithmetic, no date library: the content script must stay small).
import { shortDate, toEpochDay } from '../engine/dates.ts';
import type { IsoDate, PupilMeasures, WeekId } from '../engine/types.ts';

/** "88.2%"; the engine already rounded for display (domain.md §3: compare exactly, round only to show). */
export function formatPct(p: number | null): string {
  return p === null ? '–' : `${p.toFixed(1)}%`;
}

/** "3 Nov 2025" */
export function formatDate(d: IsoDate, withYear = true): string {
  return shortDate(toEpochDay(d), withYear);
}

/** The calendar span of school weeks named by their Mondays: Monday of the first to Friday of the last. */
export function formatWeekSpan(first: WeekId | null, last: WeekId | null): string {
  if (first === null || last === null) return 'no school weeks yet';
  const a = toEpochDay(first);
  const b = toEpochDay(last) + 4;
  return `${shortDate(a)} – ${shortDate(b, true)}`;
}

/** Stable value for data-att-band: the band id, or a fixed word for the states without one. */
export function bandAttr(band: { id: string | null; tooEarly: boolean }, m: PupilMeasures): string {
  if (m.possible === 0) return 'none';
  if (band.tooEarly) return 'too-early';
  return band.id ?? 'none';
}
