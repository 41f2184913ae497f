// Beacon MIS client: calendar dates as 'YYYY-MM-DD' strings, computed in UTC so no time zone shifts them.
const DAY = 86400000;
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

export function parseIso(iso) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso ?? '');
  if (!m) return null;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCMonth() === Number(m[2]) - 1 ? d : null;
}

export const toIso = (d) => d.toISOString().slice(0, 10);
export const addDays = (iso, n) => toIso(new Date(parseIso(iso).getTime() + n * DAY));

/** Monday of the week containing the date. */
export function mondayOf(iso) {
  const d = parseIso(iso);
  const wd = (d.getUTCDay() + 6) % 7;
  return addDays(iso, -wd);
}

export const weekdayIndex = (iso) => (parseIso(iso).getUTCDay() + 6) % 7; // 0 = Monday
export const dayName = (iso) => DAYS[parseIso(iso).getUTCDay()];
export const shortDay = (iso) => dayName(iso).slice(0, 3);
export const monthName = (m) => MONTHS[m];

/** 20/11/2026, as UK MIS screens show dates. */
export function ukDate(iso) {
  const d = parseIso(iso);
  if (!d) return iso;
  return `${String(d.getUTCDate()).padStart(2, '0')}/${String(d.getUTCMonth() + 1).padStart(2, '0')}/${d.getUTCFullYear()}`;
}

/** Friday 20 November 2026 */
export function longDate(iso) {
  const d = parseIso(iso);
  return `${DAYS[d.getUTCDay()]} ${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}

/** Mon 16 Nov 2026 */
export function mediumDate(iso) {
  const d = parseIso(iso);
  return `${DAYS[d.getUTCDay()].slice(0, 3)} ${d.getUTCDate()} ${MONTHS[d.getUTCMonth()].slice(0, 3)} ${d.getUTCFullYear()}`;
}
