import { describe, expect, it } from 'vitest';
import type { DemoSchool } from '../types.ts';
import { epochDayOf } from './dates.ts';
import { MisInputError, misStore } from './mis-store.ts';
import { tinySchool } from './tiny-school.ts';

const codesOf = (store: ReturnType<typeof misStore>, formId: string, week: string, pupilId: string) =>
  store.register(formId, week)?.rows.find((r) => r.pupil.id === pupilId)?.codes;

describe('misStore register', () => {
  it('shows a form week: 10 sessions, every pupil of the form sorted by name, the marks in order', () => {
    const store = misStore(tinySchool());
    const view = store.register('11', '2026-11-18'); // a Wednesday: the week starts Monday 16th
    expect(view?.weekStart).toBe('2026-11-16');
    expect(view?.sessions.map((s) => `${s.date} ${s.half}`)).toEqual([
      '2026-11-16 AM', '2026-11-16 PM', '2026-11-17 AM', '2026-11-17 PM', '2026-11-18 AM',
      '2026-11-18 PM', '2026-11-19 AM', '2026-11-19 PM', '2026-11-20 AM', '2026-11-20 PM',
    ]);
    expect(view?.sessions.every((s) => s.status === 'open')).toBe(true);
    expect(view?.rows).toHaveLength(32);
    const names = view?.rows.map((r) => [r.pupil.surname, r.pupil.forename] as const) ?? [];
    const cmp = (a: readonly [string, string], b: readonly [string, string]) =>
      a[0].localeCompare(b[0], 'en-GB') || a[1].localeCompare(b[1], 'en-GB');
    expect(names).toEqual([...names].sort(cmp));
    expect(names[0]).toEqual(['Adams', 'Amelia']);
    expect(codesOf(store, '11', '2026-11-16', '1001')?.slice(3, 5)).toEqual(['N', 'C2']);
    expect(codesOf(store, '11', '2026-11-16', '1003')?.[0]).toBe('Y4');
    expect(codesOf(store, '11', '2026-11-16', '1002')?.[6]).toBe('');
    expect(store.register('12', undefined)?.rows.map((r) => r.pupil.id)).toHaveLength(3);
  });

  it('defaults to the week of today and marks closed and future sessions', () => {
    const store = misStore(tinySchool());
    expect(store.register('11', undefined)?.weekStart).toBe('2026-11-16');
    expect(new Set(store.register('11', '2026-10-26')?.sessions.map((s) => s.status))).toEqual(new Set(['closed']));
    expect(new Set(store.register('11', '2026-11-23')?.sessions.map((s) => s.status))).toEqual(new Set(['future']));
    // Mon 31 Aug: before the history; Tue 1 and Wed 2 Sep: INSET `#` only, so not school sessions; Thu 3 Sep: open.
    expect(store.register('11', '2026-08-31')?.sessions.map((s) => s.status)).toEqual([
      'closed', 'closed', 'closed', 'closed', 'closed', 'closed', 'open', 'open', 'open', 'open',
    ]);
    expect(store.register('99', undefined)).toBeNull();
    expect(() => store.register('11', '2026-13-01')).toThrow(MisInputError);
  });
});

describe('misStore save', () => {
  it('persists edits so the register, the pupil page and the school data all show them', () => {
    const school = tinySchool();
    const store = misStore(school);
    const before = store.pupil('1002')?.summary;
    const result = store.saveRegister('11', [
      { pupilId: '1002', date: '2026-11-19', session: 'AM', code: '/' },
      { pupilId: '1001', date: '2026-11-17', session: 'PM', code: 'I' },
    ]);
    expect(result).toEqual({ saved: 2 });
    expect(codesOf(store, '11', '2026-11-16', '1002')?.[6]).toBe('/');
    expect(codesOf(store, '11', '2026-11-16', '1001')?.[3]).toBe('I');
    const view = store.pupil('1002');
    const index = ((epochDayOf('2026-11-19') as number) - (epochDayOf('2026-08-01') as number)) * 2;
    expect(view?.year.codes[index]).toBe('/');
    expect(view?.summary.possible).toBe((before?.possible ?? 0) + 1);
    expect(view?.summary.present).toBe((before?.present ?? 0) + 1);
    expect(view?.summary.noMark).toBe((before?.noMark ?? 0) - 1);
    const h = school.histories.get('1002');
    expect(h?.codes[(epochDayOf('2026-11-19') as number) * 2 - (h?.firstKey ?? 0)]).toBe('/');
    expect(store.register('11', '2026-11-16')?.lastSaved).toMatch(/^\d{4}-\d{2}-\d{2}T/);
  });

  it('extends a history for a session outside it (planned marks next week) and clears with "-"', () => {
    const store = misStore(tinySchool());
    store.saveRegister('11', [{ pupilId: '1004', date: '2026-11-23', session: 'PM', code: 'M' }]);
    expect(codesOf(store, '11', '2026-11-23', '1004')).toEqual(['', 'M', '', '', '', '', '', '', '', '']);
    store.saveRegister('11', [{ pupilId: '1004', date: '2026-11-23', session: 'PM', code: '-' }]);
    expect(codesOf(store, '11', '2026-11-23', '1004')?.[1]).toBe('');
  });

  it('rejects bad edits with the field named, and saves nothing from a bad batch', () => {
    const store = misStore(tinySchool());
    const bad = [
      { pupilId: '1005', date: '2026-11-19', session: 'AM', code: 'O' },
      { pupilId: '1033', date: '2026-11-19', session: 'AM', code: '/' }, // form 12
      { pupilId: '1005', date: '2026-11-21', session: 'AM', code: '/' }, // Saturday
      { pupilId: '1005', date: '2026-11-19', session: 'XX', code: 'H' }, // withdrawn code
    ];
    expect(() => store.saveRegister('11', bad)).toThrow(
      /edits\[1\]\.pupilId: pupil 1033 is not in form 11.*edits\[2\]\.date: 2026-11-21 is a weekend.*edits\[3\]\.session.*edits\[3\]\.code: "H"/,
    );
    expect(codesOf(store, '11', '2026-11-16', '1005')?.[6]).not.toBe('O');
    expect(() => store.saveRegister('11', 'nope')).toThrow(/expected an array/);
    expect(() => store.saveRegister('77', [])).toThrow(/no form/);
  });
});

describe('misStore pupil', () => {
  it('gives the whole academic year and a year-to-date summary worked by hand', () => {
    const mon = (epochDayOf('2026-11-16') as number) * 2;
    const school: DemoSchool = {
      name: 'Micro School',
      size: 'primary',
      seed: 1,
      today: '2026-11-18',
      forms: [{ id: 'f', name: 'R1', yearGroup: 'R', teacher: 'Ms A' }],
      pupils: [
        {
          id: 'p1', upn: 'X', forename: 'Ann', surname: 'Lee', dateOfBirth: '2021-01-02', sex: 'F', yearGroup: 'R',
          formId: 'f', sen: 'N', fsm: false, pp: false, socialWorker: false, address: '1 Road',
        },
      ],
      // Mon / \, Tue I I, Wed N -, Thu (after today) O O: ignored by the summary.
      histories: new Map([['p1', { pupilId: 'p1', name: 'Ann Lee', firstKey: mon, codes: ['/', '\\', 'I', 'I', 'N', '-', 'O', 'O'] }]]),
      insetDays: [],
    };
    const view = misStore(school).pupil('p1');
    expect(view?.year.start).toBe('2026-08-01');
    expect(view?.year.end).toBe('2027-07-31');
    expect(view?.year.codes).toHaveLength(365 * 2);
    expect(view?.summary).toMatchObject({ possible: 5, present: 2, authorised: 2, unauthorised: 1, noMark: 0, attendancePct: 40 });
    // Wed PM `-`: nobody in this school has a real mark then, so it is not a school session → not "no mark".
    expect(view?.pupil).toMatchObject({ formName: 'R1', teacher: 'Ms A', dateOfBirth: '2021-01-02' });
    expect(misStore(school).pupil('nobody')).toBeNull();
  });
});
