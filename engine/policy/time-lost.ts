// "Time in school lost" (policy 001, §2 table "Time in School Lost": 95% → 9.5 days, 1 week 4½ days;
// 85% → 28.5 days; 75% → 47.5 days): the school days a given attendance rate misses over a school
// year of 190 days, as days and as school weeks of 5 days plus days. Used to explain a percentage to
// parents. Computed in integers (half days) so the figures match the table exactly.

export interface TimeLost {
  /** School days missed, to the nearest half day (half up). */
  days: number;
  /** Whole school weeks (5 days) in `days`. */
  weeks: number;
  /** Days left over after the whole weeks (0 to 4.5). */
  remainderDays: number;
  /** As the table prints it: "1 week, 4½ days". */
  label: string;
}

function daysText(d: number): string {
  const whole = Math.floor(d);
  const half = d - whole === 0.5;
  if (whole === 0 && half) return '½ day';
  const n = half ? `${whole}½` : String(whole);
  return `${n} ${d === 1 ? 'day' : 'days'}`;
}

/** Days and weeks missed over `schoolDays` (default 190) at an attendance rate given in percent (one decimal used). */
export function timeLost(attendancePct: number, schoolDays = 190): TimeLost {
  if (!Number.isFinite(attendancePct) || attendancePct < 0 || attendancePct > 100) {
    throw new RangeError(`timeLost: attendance ${attendancePct} is not a percentage between 0 and 100`);
  }
  if (!Number.isInteger(schoolDays) || schoolDays < 0) {
    throw new RangeError(`timeLost: schoolDays ${schoolDays} is not a whole number of days ≥ 0`);
  }
  const absentTenths = 1000 - Math.round(attendancePct * 10); // absence in tenths of a percent
  // half days = absence% × days × 2 / 100 = absentTenths × days × 2 / 1000, rounded half up.
  const halfDays = Math.floor((absentTenths * schoolDays * 2 * 2 + 1000) / 2000);
  const days = halfDays / 2;
  const weeks = Math.floor(halfDays / 10);
  const remainderDays = (halfDays - weeks * 10) / 2;
  const parts: string[] = [];
  if (weeks > 0) parts.push(`${weeks} ${weeks === 1 ? 'week' : 'weeks'}`);
  if (remainderDays > 0 || weeks === 0) parts.push(daysText(remainderDays));
  return { days, weeks, remainderDays, label: parts.join(', ') };
}
