import { describe, expect, it } from 'vitest';
import { computeSchool } from './compute-school.ts';
import { readCsv } from './csv.ts';
import { historyFromRows } from './history.ts';
import { presetById } from './policy/presets/index.ts';
import type { Policy } from './policy/schema.ts';
import { isFlagged, REPORT_CSV_COLUMNS, reportCsv, reportJson, type Report } from './report-json.ts';
import type { Half } from './types.ts';

const policy = presetById('dfe-support-first') as Policy;
const h = (id: string, name: string, codes: [string, Half, string][]) =>
  historyFromRows(id, name, codes.map(([date, session, code]) => ({ date, session, code })));
const school = computeSchool(
  [
    h('A', 'Ann', [
      ['2026-09-07', 'AM', '/'],
      ['2026-09-07', 'PM', 'I'],
      ['2026-09-08', 'AM', '/'],
    ]),
    h('B', '=HYPERLINK("http://x","y")', [
      ['2026-09-07', 'AM', '/'],
      ['2026-09-07', 'PM', '\\'],
      ['2026-09-08', 'AM', '/'],
    ]),
    h('C', 'Smith, "Cy"\nJr', [['2026-09-07', 'AM', 'D']]),
  ],
  policy,
  '2026-09-11',
);

const PUPIL_KEYS = [
  'pupilId', 'name', 'possible', 'present', 'aea', 'authorised', 'unauthorised', 'attendancePct', 'persistent',
  'severe', 'band', 'brokenWeeks', 'epn', 'attendanceReturn', 'sicknessReturn', 'missingMarks', 'unknownCodes', 'stage',
];
const EPN_KEYS = [
  'currentSessions', 'met', 'provisional', 'sessionsToThreshold', 'windowStartWeek', 'windowEndWeek', 'firstMetWeek', 'maxInAnyWindow',
];

describe('reportJson', () => {
  const report = reportJson('2026-09-11', 'dfe-support-first', school);

  it('has exactly the contract keys, in order', () => {
    expect(Object.keys(report)).toEqual(['asOf', 'policy', 'schoolSessions', 'schoolWeeks', 'pupils']);
    for (const p of report.pupils) {
      expect(Object.keys(p)).toEqual(PUPIL_KEYS);
      expect(Object.keys(p.epn)).toEqual(EPN_KEYS);
      expect(Object.keys(p.stage)).toEqual(['id', 'reasons', 'reviewDue']);
    }
  });

  it('reports the worked example: 2/3 → 66.7, band id or null', () => {
    expect(report).toMatchObject({ asOf: '2026-09-11', policy: 'dfe-support-first', schoolSessions: 3, schoolWeeks: 1 });
    const [a, b, c] = report.pupils;
    expect(a).toMatchObject({ pupilId: 'A', possible: 3, present: 2, authorised: 1, attendancePct: 66.7, persistent: true, band: 'support', brokenWeeks: 1 });
    expect(b).toMatchObject({ attendancePct: 100, persistent: false, band: 'expect' });
    expect(c).toMatchObject({ possible: 0, attendancePct: null, band: null, persistent: false, severe: false });
    expect(JSON.parse(JSON.stringify(report))).toEqual(report); // plain JSON data only
  });

  it('--flagged-only keeps exactly the flagged pupils, and school totals stay whole-school', () => {
    const flagged = reportJson('2026-09-11', 'dfe-support-first', school, { flaggedOnly: true });
    expect(flagged.pupils.map((p) => p.pupilId)).toEqual(report.pupils.filter(isFlagged).map((p) => p.pupilId));
    expect(flagged.pupils.map((p) => p.pupilId)).toContain('A'); // persistent
    expect(flagged.schoolSessions).toBe(3);
  });
});

describe('isFlagged', () => {
  const base = reportJson('2026-09-11', 'x', school).pupils[1]!; // B: 100%, nothing to flag
  const clean = { ...base, stage: { id: null, reasons: [], reviewDue: null } };
  it('is false for a pupil with nothing to act on', () => expect(isFlagged(clean)).toBe(false));
  it.each([
    ['persistent', { persistent: true }],
    ['severe', { severe: true }],
    ['attendance return', { attendanceReturn: true }],
    ['sickness return', { sicknessReturn: true }],
    ['missing marks', { missingMarks: 1 }],
    ['unknown codes', { unknownCodes: 1 }],
    ['a suggested stage', { stage: { id: 'stage-1', reasons: [], reviewDue: null } }],
    ['EPN met', { epn: { ...clean.epn, met: true } }],
    ['EPN within 2 sessions', { epn: { ...clean.epn, sessionsToThreshold: 2 } }],
  ])('is true for %s', (_, change) => expect(isFlagged({ ...clean, ...change })).toBe(true));
  it('is false 3 sessions from the EPN threshold', () =>
    expect(isFlagged({ ...clean, epn: { ...clean.epn, sessionsToThreshold: 3 } })).toBe(false));
});

describe('reportCsv', () => {
  const report: Report = reportJson('2026-09-11', 'dfe-support-first', school);
  const text = reportCsv(report, { bom: true });

  it('starts with a BOM and the flattened header', () => {
    expect(text.startsWith('\uFEFFpupil_id,name,possible,')).toBe(true);
    const read = readCsv(text);
    expect(read.ok && read.records[0]!.cells).toEqual([...REPORT_CSV_COLUMNS]);
  });

  it('neutralises a hostile name and quotes commas, quotes and line breaks', () => {
    expect(text).toContain(`\r\nB,"'=HYPERLINK(""http://x"",""y"")",3,`);
    expect(text).toContain(`\r\nC,"Smith, ""Cy""\nJr",0,`);
    const read = readCsv(text);
    if (!read.ok) throw new Error(read.message);
    expect(read.records.map((r) => r.cells[1])).toEqual(['name', 'Ann', `'=HYPERLINK("http://x","y")`, 'Smith, "Cy"\nJr']);
  });

  it('flattens every field: booleans, nulls as empty cells, reasons joined by "; "', () => {
    const withReasons: Report = {
      ...report,
      pupils: [{ ...report.pupils[2]!, stage: { id: 'stage-1', reasons: ['first reason', 'second'], reviewDue: '2026-10-01' } }],
    };
    const read = readCsv(reportCsv(withReasons));
    if (!read.ok) throw new Error(read.message);
    const record = Object.fromEntries(REPORT_CSV_COLUMNS.map((c, i) => [c, read.records[1]!.cells[i]]));
    expect(record).toMatchObject({
      pupil_id: 'C',
      possible: '0',
      attendance_pct: '',
      persistent: 'false',
      band: '',
      epn_met: 'false',
      stage_id: 'stage-1',
      stage_reasons: 'first reason; second',
      stage_review_due: '2026-10-01',
    });
    expect(read.records[1]!.cells).toHaveLength(REPORT_CSV_COLUMNS.length);
  });
});
