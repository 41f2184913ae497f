import { describe, expect, it } from 'vitest';
import { readCsv } from '../../engine/csv.ts';
import { makeEpn, makeMeasures, makePupil } from '../../test/pupil-results.ts';
import { EXPORT_COLUMNS, NO_FILTERS, filterOptions, filterPupils, flaggedCsv, hasFlag, sortPupils } from './panel-data.ts';

const ASOF = '2025-11-14';
// 90/100 = 90.0% → PA (absence 10% exactly, domain.md §3); 8 unauthorised in the EPN window → within 2.
const pa = makePupil({
  pupilId: 'p-pa',
  name: 'Zed Ahmed',
  attributes: { yearGroup: 'Year 10', className: '10B', sen: 'K', fsm: true },
  measures: makeMeasures(100, 90, { unauthorised: 8 }),
  epn: makeEpn(8),
  band: { id: 'support', label: 'Support', colour: '#c62828', tooEarly: false },
});
// 40/100 → SA and PA; EPN met (12).
const sa = makePupil({
  pupilId: 'p-sa',
  name: 'Amy Brown',
  attributes: { yearGroup: 'Year 2', className: '2A', pp: true, socialWorker: true },
  measures: makeMeasures(100, 40, { unauthorised: 30 }),
  epn: makeEpn(12),
  attendanceReturn: true,
  band: { id: 'support', label: 'Support', colour: '#c62828', tooEarly: false },
  stage: { id: 'stage-2', label: 'Stage 2', reasons: ['x'], reviewDue: '2025-11-20', currentStageId: 'stage-1' },
});
// 97/100, nothing to report.
const ok = makePupil({ pupilId: 'p-ok', name: '=HYPERLINK("http://evil","x")', attributes: { yearGroup: 'Year 2', className: '2A' }, measures: makeMeasures(100, 97) });
// No possible sessions.
const none = makePupil({ pupilId: 'p-none', name: 'Nia Null', measures: makeMeasures(0, 0), band: { id: null, label: null, colour: null, tooEarly: false } });
const all = [pa, sa, ok, none];

describe('hasFlag', () => {
  it('applies each flag on its boundary', () => {
    expect(all.filter((p) => hasFlag(p, 'persistent', ASOF)).map((p) => p.pupilId)).toEqual(['p-pa', 'p-sa']);
    expect(all.filter((p) => hasFlag(p, 'severe', ASOF)).map((p) => p.pupilId)).toEqual(['p-sa']);
    expect(all.filter((p) => hasFlag(p, 'epn-met', ASOF)).map((p) => p.pupilId)).toEqual(['p-sa']);
    // 8 of 10: two short → within 2; 0 of 10 is not.
    expect(all.filter((p) => hasFlag(p, 'epn-near', ASOF)).map((p) => p.pupilId)).toEqual(['p-pa']);
    expect(all.filter((p) => hasFlag(p, 'returns', ASOF)).map((p) => p.pupilId)).toEqual(['p-sa']);
    // Review on 20 Nov is within 7 days of 14 Nov; on 21 Nov + 1 it would not be.
    expect(hasFlag(sa, 'review-due', ASOF)).toBe(true);
    expect(hasFlag({ ...sa, stage: { ...sa.stage, reviewDue: '2025-11-22' } }, 'review-due', ASOF)).toBe(false);
    expect(hasFlag({ ...sa, stage: { ...sa.stage, reviewDue: '2025-11-21' } }, 'review-due', ASOF)).toBe(true);
  });
});

describe('filterPupils', () => {
  it('filters by each attribute, band and flag', () => {
    const ids = (f: Partial<typeof NO_FILTERS>) => filterPupils(all, { ...NO_FILTERS, ...f }, ASOF).map((p) => p.pupilId);
    expect(ids({})).toEqual(['p-pa', 'p-sa', 'p-ok', 'p-none']);
    expect(ids({ yearGroup: 'Year 2' })).toEqual(['p-sa', 'p-ok']);
    expect(ids({ className: '10B' })).toEqual(['p-pa']);
    expect(ids({ sen: 'K' })).toEqual(['p-pa']);
    expect(ids({ fsm: 'yes' })).toEqual(['p-pa']);
    expect(ids({ fsm: 'no' })).toEqual(['p-sa', 'p-ok', 'p-none']);
    expect(ids({ pp: 'yes' })).toEqual(['p-sa']);
    expect(ids({ socialWorker: 'yes' })).toEqual(['p-sa']);
    expect(ids({ band: 'support' })).toEqual(['p-pa', 'p-sa']);
    expect(ids({ band: 'none' })).toEqual(['p-none']);
    expect(ids({ flag: 'severe', yearGroup: 'Year 10' })).toEqual([]);
    expect(ids({ search: 'amy' })).toEqual(['p-sa']);
    expect(filterOptions(all)).toEqual({ yearGroups: ['Year 2', 'Year 10'], classes: ['2A', '10B'], sen: ['K'] });
  });
});

describe('sortPupils', () => {
  it('sorts attendance exactly, with no-possible pupils last', () => {
    expect(sortPupils(all, { key: 'attendance', dir: 'asc' }).map((p) => p.pupilId)).toEqual(['p-sa', 'p-pa', 'p-ok', 'p-none']);
    expect(sortPupils(all, { key: 'epn', dir: 'desc' }).map((p) => p.pupilId)[0]).toBe('p-sa');
    expect(sortPupils(all, { key: 'yearGroup', dir: 'asc' }).map((p) => p.attributes?.yearGroup ?? '')).toEqual(['', 'Year 2', 'Year 2', 'Year 10']);
  });
  // A whole large school (its speed is measured by the side panel benchmark, never asserted here).
  it('filters and sorts 2,000 pupils exactly', () => {
    const many = Array.from({ length: 2000 }, (_, i) => ({ ...pa, pupilId: `p${i}`, name: `Pupil ${i}`, measures: makeMeasures(300, 200 + (i % 100)) }));
    const f = filterPupils(many, { ...NO_FILTERS, flag: 'persistent' }, ASOF);
    // Persistent absence is absence of 10% or more (domain.md §3): at most 270 of 300 attended, 71 in each 100.
    expect(f).toHaveLength(1420);
    const sorted = sortPupils(f, { key: 'attendance', dir: 'asc' }).map((p) => p.measures.attended);
    expect(sorted[0]).toBe(200);
    expect(sorted.at(-1)).toBe(270);
    for (let i = 1; i < sorted.length; i++) expect(sorted[i]).toBeGreaterThanOrEqual(sorted[i - 1]!);
  });
});

describe('flaggedCsv', () => {
  it('writes UTF-8 with BOM, CRLF, the documented columns, and neutralises a hostile name', () => {
    const csv = flaggedCsv([ok, sa], ASOF, 'dfe-support-first');
    expect(csv.startsWith('\uFEFFpupil_id,name,')).toBe(true);
    expect(csv.endsWith('\r\n')).toBe(true);
    const read = readCsv(csv);
    if (!read.ok) throw new Error(read.message);
    expect(read.records[0]?.cells).toEqual([...EXPORT_COLUMNS]);
    const row = read.records[1]?.cells ?? [];
    // The formula is written as text with a leading apostrophe (engine/csv.ts), quoted for its quotes.
    expect(row[1]).toBe('\'=HYPERLINK("http://evil","x")');
    expect(csv).toContain('"\'=HYPERLINK(""http://evil"",""x"")"');
    const sarow = read.records[2]?.cells ?? [];
    const col = (name: (typeof EXPORT_COLUMNS)[number]) => sarow[EXPORT_COLUMNS.indexOf(name)];
    expect(col('attendance_pct')).toBe('40');
    expect(col('severe_absence')).toBe('true');
    expect(col('epn_sessions_in_window')).toBe('12');
    expect(col('attendance_return_due')).toBe('true');
    expect(col('review_due')).toBe('2025-11-20');
    expect(col('policy')).toBe('dfe-support-first');
  });
});
