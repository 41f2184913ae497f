// Every selector the demo MIS ("Beacon MIS", demo/web) adapter uses, in one file (design.md
// "Conventions"), each with the saved pages in test/fixtures/demo it must match and how many times
// (`selectorFixtures()`, below the selectors). selectors.test.ts checks every count, so a change in the
// MIS's markup shows up here first, by name.
//
// `within` names the selector whose elements this one is queried inside (the adapter does the same),
// so counts are totals over the page. Fixtures not listed must match 0 times.
//
// The counts are test data: they sit in a function the adapter never calls, so the bundler leaves
// them out of the content script (under 60 KB).

export interface SelectorSpec {
  css: string;
  /** Name of another selector in this file. */
  within?: string;
}

/** Form "Year 3 Ash" (32 pupils), four weeks and one with pending edits. */
const REGISTER_PAGES = ['register-this-week', 'register-previous-week', 'register-half-term', 'register-future-week', 'register-pending'] as const;
/** Form "Reception Robins" (30 pupils), a week with C2 and Y7. */
const MULTICHAR = 'register-multichar';
const MALFORMED_REGISTERS = ['malformed-register-no-header', 'malformed-register-short-row', 'malformed-register-unknown-week'] as const;
const MIS_PAGES = [
  ...REGISTER_PAGES,
  MULTICHAR,
  ...MALFORMED_REGISTERS,
  'register-loading',
  'pupil',
  'pupil-loading',
  'malformed-pupil-no-id',
  'home',
  'classes',
  'students',
  'not-found',
] as const;

const each = (names: readonly string[], n: number): Record<string, number> => Object.fromEntries(names.map((k) => [k, n]));

const spec = {
  /** The MIS's shell: its footer names the product (this is how we know it is Beacon MIS at all). */
  shellFooter: { css: 'nav.mis-sidenav .mis-sidenav__foot' },
  /** The single-page app's root: every page renders into it (the content script observes it). */
  appRoot: { css: 'main#mis-main' },
  /** "Loading…" panel shown until the page's data arrives. */
  loading: { css: 'main#mis-main .mis-loading' },

  // ---- register ----------------------------------------------------------------------------------
  registerGrid: { css: 'table.reg-grid' },
  /** Second header row: one `th` per session (AM, PM × Mon–Fri), with data-date and data-period. */
  sessionHead: { css: ':scope > thead > tr > th.reg-session', within: 'registerGrid' },
  /** One row per pupil, keyed by the MIS's own id in data-student-id. */
  registerRow: { css: ':scope > tbody.reg-body > tr.reg-row', within: 'registerGrid' },
  /** The pupil's name as "Surname, Forename", linking to /pupils/<id>. */
  rowName: { css: ':scope > th.reg-student > a.reg-student__link', within: 'registerRow' },
  /** One cell per session, in header order; the mark is the text of its .att-mark. */
  rowCell: { css: ':scope > td.att-cell', within: 'registerRow' },
  cellMark: { css: ':scope > span.att-mark', within: 'rowCell' },
  /** An edited cell not saved yet: it shows the pending code, not the saved one. */
  dirtyCell: { css: 'td.att-cell.att-cell--dirty', within: 'registerRow' },
  /** The last breadcrumb: the form's name. */
  breadcrumbLast: { css: 'main#mis-main nav.mis-breadcrumb > :last-child' },

  // ---- pupil -------------------------------------------------------------------------------------
  /** Profile fields as dt/dd pairs ("Beacon ID", "UPN", "Year group", ...). */
  profileTerm: { css: 'section.stu-profile dl.stu-fields > dt' },
  /** The academic year calendar: months × days, one cell per session with data-date / data-period. */
  calendar: { css: 'table.att-cal' },
  calendarCell: {
    // Every day cell, not only those with data-date: a cell that lost its date must fail the read,
    // not be skipped. Void cells pad short months (31 Feb …) and are not sessions.
    css: 'td.att-cal__cell:not(.att-cal__cell--void)',
    within: 'calendar',
  },
} as const satisfies Record<string, SelectorSpec>;

export type SelectorName = keyof typeof spec;
export const selectors: Readonly<Record<SelectorName, SelectorSpec>> = spec;

/** Selector name → fixture name (file name without .html) → number of matches (tests only). */
export function selectorFixtures(): Record<SelectorName, Readonly<Record<string, number>>> {
  return {
    shellFooter: each(MIS_PAGES, 1),
    appRoot: each(MIS_PAGES, 1),
    loading: { 'register-loading': 1, 'pupil-loading': 1 },
    registerGrid: each([...REGISTER_PAGES, MULTICHAR, ...MALFORMED_REGISTERS], 1),
    sessionHead: { ...each([...REGISTER_PAGES, MULTICHAR], 10), 'malformed-register-short-row': 10, 'malformed-register-unknown-week': 10 },
    registerRow: { ...each([...REGISTER_PAGES, ...MALFORMED_REGISTERS], 32), [MULTICHAR]: 30 },
    rowName: { ...each([...REGISTER_PAGES, ...MALFORMED_REGISTERS], 32), [MULTICHAR]: 30 },
    rowCell: { ...each([...REGISTER_PAGES, ...MALFORMED_REGISTERS], 320), 'malformed-register-short-row': 319, [MULTICHAR]: 300 },
    cellMark: { ...each([...REGISTER_PAGES, ...MALFORMED_REGISTERS], 320), 'malformed-register-short-row': 319, [MULTICHAR]: 300 },
    dirtyCell: { 'register-pending': 2 },
    breadcrumbLast: each(MIS_PAGES.filter((p) => p !== 'not-found'), 1),
    profileTerm: { pupil: 14, 'malformed-pupil-no-id': 13 },
    calendar: { pupil: 1, 'malformed-pupil-no-id': 1 },
    // Sep 30 + Oct 31 + Nov 30 + Dec 31 + Jan 31 + Feb 28 + Mar 31 + Apr 30 + May 31 + Jun 30 + Jul 31
    // = 334 days × 2 sessions (August is shown only when it holds marks; it holds none here).
    calendarCell: { pupil: 668, 'malformed-pupil-no-id': 668 },
  };
}
