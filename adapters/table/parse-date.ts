// Dates as MIS pages write them (`Mon 12/01 AM`, `12 Jan` + AM/PM sub-headers, ISO dates,
// weeks given once with day columns). Pure; English (UK) day-first order, as English MIS show dates.
import { addDays, isValidIsoDate, toEpochDay } from '../../engine/dates.ts';
import type { IsoDate } from '../../engine/types.ts';
import type { DateFormat } from './mapping-schema.ts';

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

const pad = (n: number) => String(n).padStart(2, '0');

function iso(y: number, m: number, d: number): IsoDate | null {
  const s = `${String(y).padStart(4, '0')}-${pad(m)}-${pad(d)}`;
  return isValidIsoDate(s) ? s : null;
}

/** A yearless day and month: the year that puts it nearest to the week shown (a week can span New Year). */
function nearest(m: number, d: number, anchor: IsoDate): IsoDate | null {
  const year = Number(anchor.slice(0, 4));
  let best: IsoDate | null = null;
  let bestGap = Infinity;
  for (const y of [year - 1, year, year + 1]) {
    const s = iso(y, m, d);
    if (s === null) continue;
    const gap = Math.abs(toEpochDay(s) - toEpochDay(anchor));
    if (gap < bestGap) {
      best = s;
      bestGap = gap;
    }
  }
  return best;
}

/**
 * Finds a date of the given format in `text` (which may hold other words: `Mon 12/01 AM`).
 * `anchor` is the Monday of the week the page shows: needed for yearless formats and `weekday`.
 * Returns null when the text holds no such date (or it is not a real calendar date).
 */
export function parseDate(text: string, format: DateFormat, anchor?: IsoDate | null): IsoDate | null {
  const t = text.replace(/\s+/g, ' ').trim();
  let m: RegExpExecArray | null;
  switch (format) {
    case 'iso':
      m = /(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)/.exec(t);
      return m ? iso(Number(m[1]), Number(m[2]), Number(m[3])) : null;
    case 'd/m/y':
      m = /(?<!\d)(\d{1,2})[/.](\d{1,2})[/.](\d{4})(?!\d)/.exec(t);
      return m ? iso(Number(m[3]), Number(m[2]), Number(m[1])) : null;
    case 'd/m':
      m = /(?<![\d/.])(\d{1,2})[/.](\d{1,2})(?![\d/.])/.exec(t);
      return m && anchor ? nearest(Number(m[2]), Number(m[1]), anchor) : null;
    case 'd mon y':
    case 'd mon': {
      m = /(?<!\d)(\d{1,2})(?:st|nd|rd|th)? ([A-Za-z]{3})[A-Za-z]*\.?(?: (\d{4}))?/.exec(t);
      if (!m) return null;
      const month = MONTHS.indexOf(m[2]!.toLowerCase()) + 1;
      if (month === 0) return null;
      if (format === 'd mon y') return m[3] ? iso(Number(m[3]), month, Number(m[1])) : null;
      return anchor ? nearest(month, Number(m[1]), anchor) : null;
    }
    case 'weekday': {
      m = /\b(Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*\b/i.exec(t);
      if (!m || !anchor) return null;
      return addDays(anchor, WEEKDAYS.indexOf(m[1]!.toLowerCase()));
    }
  }
}
