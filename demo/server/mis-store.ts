// The demo MIS's data layer: the read models its JSON API serves (register week, pupil year, lists)
// and the register save, which writes straight into the school's histories so that the pupil page and
// the exports (which read the same DemoSchool) show the edit while the server runs.
import type { Half, IsoDate, PupilHistory, SessionKey } from '../../engine/types.ts';
import type { DemoForm, DemoPupil, DemoSchool } from '../types.ts';
import {
  academicYearStartOf,
  epochDayOf,
  isoOfEpochDay,
  mondayOfEpochDay,
  sessionKeyOf,
  weekdayOfEpochDay,
} from './dates.ts';
import { markCodeInfo } from './mark-codes.ts';
import { misSummary, type MisSummary } from './mis-summary.ts';

/** Bad input from a client: the server answers 400 with the message. */
export class MisInputError extends Error {
  override name = 'MisInputError';
}

export type SessionStatus = 'open' | 'closed' | 'future';

export interface RegisterSession {
  date: IsoDate;
  half: Half;
  status: SessionStatus;
}

export interface PupilCard {
  id: string;
  forename: string;
  surname: string;
  upn: string;
  yearGroup: string;
  formId: string;
  formName: string;
  sex: 'F' | 'M';
  sen: 'N' | 'K' | 'E';
  fsm: boolean;
  pp: boolean;
  socialWorker: boolean;
}

export interface RegisterView {
  form: DemoForm;
  today: IsoDate;
  weekStart: IsoDate;
  sessions: RegisterSession[];
  rows: { pupil: PupilCard; codes: string[]; attendancePct: number | null }[];
  lastSaved: string | null;
}

export interface PupilView {
  pupil: PupilCard & { dateOfBirth: IsoDate; address: string; teacher: string };
  today: IsoDate;
  year: { start: IsoDate; end: IsoDate; codes: string[]; schoolSession: boolean[] };
  summary: MisSummary;
}

export interface RegisterEdit {
  pupilId: string;
  date: IsoDate;
  session: Half;
  /** A selectable code, or '' / '-' to clear the mark. */
  code: string;
}

export interface SchoolView {
  name: string;
  size: DemoSchool['size'];
  today: IsoDate;
  academicYear: string;
  pupilCount: number;
  formCount: number;
  todayAm: { marked: number; attended: number; possible: number; pct: number | null };
}

export interface MisStore {
  school(): SchoolView;
  forms(): (DemoForm & { pupilCount: number })[];
  pupils(): PupilCard[];
  register(formId: string, week: IsoDate | undefined): RegisterView | null;
  saveRegister(formId: string, edits: unknown): { saved: number };
  pupil(pupilId: string): PupilView | null;
}

const byName = (a: DemoPupil, b: DemoPupil): number =>
  a.surname.localeCompare(b.surname, 'en-GB') || a.forename.localeCompare(b.forename, 'en-GB') || a.id.localeCompare(b.id);

export function misStore(school: DemoSchool): MisStore {
  const todayDay = epochDayOf(school.today);
  if (todayDay === null) throw new Error(`demo school: today "${school.today}" is not a YYYY-MM-DD date`);
  const lastKeyToday = sessionKeyOf(todayDay, 'PM');

  const forms = new Map(school.forms.map((f) => [f.id, f]));
  const pupils = new Map(school.pupils.map((p) => [p.id, p]));
  const pupilsByForm = new Map<string, DemoPupil[]>();
  for (const p of school.pupils) {
    const list = pupilsByForm.get(p.formId) ?? [];
    list.push(p);
    pupilsByForm.set(p.formId, list);
  }
  for (const list of pupilsByForm.values()) list.sort(byName);
  const lastSaved = new Map<string, string>();

  // A session the school held: someone has a mark other than no mark or `#` (domain.md §1, §8.6).
  const markedKeys = new Set<SessionKey>();
  for (const h of school.histories.values()) {
    h.codes.forEach((code, i) => {
      if (code !== '' && code !== '-' && code !== '#') markedKeys.add(h.firstKey + i);
    });
  }

  const codeAt = (h: PupilHistory | undefined, key: SessionKey): string => {
    if (!h) return '';
    return h.codes[key - h.firstKey] ?? '';
  };

  const statusOf = (key: SessionKey): SessionStatus =>
    key > lastKeyToday ? 'future' : markedKeys.has(key) ? 'open' : 'closed';

  const card = (p: DemoPupil): PupilCard => ({
    id: p.id,
    forename: p.forename,
    surname: p.surname,
    upn: p.upn,
    yearGroup: p.yearGroup,
    formId: p.formId,
    formName: forms.get(p.formId)?.name ?? '',
    sex: p.sex,
    sen: p.sen,
    fsm: p.fsm,
    pp: p.pp,
    socialWorker: p.socialWorker,
  });

  const yearStartDay = academicYearStartOf(todayDay);
  const yearFirstKey = sessionKeyOf(yearStartDay, 'AM');

  /** Year-to-date summary of one pupil's marks (from 1 August to today). */
  const yearToDate = (pupilId: string): MisSummary => {
    const h = school.histories.get(pupilId);
    const codes: string[] = [];
    const open: boolean[] = [];
    for (let key = yearFirstKey; key <= lastKeyToday; key++) {
      codes.push(codeAt(h, key));
      open.push(markedKeys.has(key));
    }
    return misSummary(codes, open);
  };

  const setCode = (pupilId: string, key: SessionKey, code: string): void => {
    let h = school.histories.get(pupilId);
    if (!h) {
      const p = pupils.get(pupilId) as DemoPupil;
      h = { pupilId, name: `${p.forename} ${p.surname}`, firstKey: key, codes: [] };
      school.histories.set(pupilId, h);
    }
    if (key < h.firstKey) {
      h.codes.unshift(...new Array<string>(h.firstKey - key).fill(''));
      h.firstKey = key;
    }
    while (h.codes.length <= key - h.firstKey) h.codes.push('');
    h.codes[key - h.firstKey] = code;
    if (code !== '' && code !== '#') markedKeys.add(key);
  };

  return {
    school() {
      const amKey = sessionKeyOf(todayDay, 'AM');
      let marked = 0;
      let attended = 0;
      let possible = 0;
      for (const p of school.pupils) {
        const code = codeAt(school.histories.get(p.id), amKey);
        if (code === '' || code === '-') continue;
        marked++;
        const s = misSummary([code], [true]);
        possible += s.possible;
        attended += s.present + s.approvedActivity;
      }
      const startYear = Number(isoOfEpochDay(yearStartDay).slice(0, 4));
      return {
        name: school.name,
        size: school.size,
        today: school.today,
        academicYear: `${startYear}/${String(startYear + 1).slice(2)}`,
        pupilCount: school.pupils.length,
        formCount: school.forms.length,
        todayAm: {
          marked,
          attended,
          possible,
          pct: possible > 0 ? Math.floor((attended * 2000 + possible) / (2 * possible)) / 10 : null,
        },
      };
    },

    forms() {
      return school.forms.map((f) => ({ ...f, pupilCount: pupilsByForm.get(f.id)?.length ?? 0 }));
    },

    pupils() {
      return [...school.pupils].sort(byName).map(card);
    },

    register(formId, week) {
      const form = forms.get(formId);
      if (!form) return null;
      let day = todayDay;
      if (week !== undefined) {
        const d = epochDayOf(week);
        if (d === null) throw new MisInputError(`week "${week}" is not a YYYY-MM-DD date`);
        day = d;
      }
      const monday = mondayOfEpochDay(day);
      const sessions: RegisterSession[] = [];
      const keys: SessionKey[] = [];
      for (let d = monday; d < monday + 5; d++) {
        for (const half of ['AM', 'PM'] as const) {
          const key = sessionKeyOf(d, half);
          keys.push(key);
          sessions.push({ date: isoOfEpochDay(d), half, status: statusOf(key) });
        }
      }
      const weekStart = isoOfEpochDay(monday);
      return {
        form,
        today: school.today,
        weekStart,
        sessions,
        rows: (pupilsByForm.get(formId) ?? []).map((p) => {
          const h = school.histories.get(p.id);
          return {
            pupil: card(p),
            codes: keys.map((k) => codeAt(h, k)),
            attendancePct: yearToDate(p.id).attendancePct,
          };
        }),
        lastSaved: lastSaved.get(`${formId}|${weekStart}`) ?? null,
      };
    },

    saveRegister(formId, edits) {
      if (!forms.has(formId)) throw new MisInputError(`no form with id "${formId}"`);
      if (!Array.isArray(edits)) throw new MisInputError('edits: expected an array of { pupilId, date, session, code }');
      const problems: string[] = [];
      const valid: { pupilId: string; key: SessionKey; code: string; week: IsoDate }[] = [];
      edits.forEach((e: unknown, i) => {
        const where = `edits[${i}]`;
        if (typeof e !== 'object' || e === null) {
          problems.push(`${where}: expected an object`);
          return;
        }
        const { pupilId, date, session, code } = e as Record<string, unknown>;
        const pupil = typeof pupilId === 'string' ? pupils.get(pupilId) : undefined;
        const day = typeof date === 'string' ? epochDayOf(date) : null;
        if (!pupil) problems.push(`${where}.pupilId: no pupil with id ${JSON.stringify(pupilId)}`);
        else if (pupil.formId !== formId) problems.push(`${where}.pupilId: pupil ${pupil.id} is not in form ${formId}`);
        if (day === null) problems.push(`${where}.date: ${JSON.stringify(date)} is not a YYYY-MM-DD date`);
        else if (weekdayOfEpochDay(day) > 4) problems.push(`${where}.date: ${String(date)} is a weekend`);
        if (session !== 'AM' && session !== 'PM') problems.push(`${where}.session: expected "AM" or "PM"`);
        const clear = code === '' || code === '-';
        if (typeof code !== 'string' || (!clear && !markCodeInfo(code)?.selectable)) {
          problems.push(`${where}.code: ${JSON.stringify(code)} is not a register code`);
        }
        if (pupil && day !== null && (session === 'AM' || session === 'PM') && typeof code === 'string') {
          valid.push({
            pupilId: pupil.id,
            key: sessionKeyOf(day, session),
            code: clear ? '' : code,
            week: isoOfEpochDay(mondayOfEpochDay(day)),
          });
        }
      });
      // All or nothing: never half-save a register.
      if (problems.length > 0) throw new MisInputError(problems.join('; '));
      const stamp = new Date().toISOString();
      for (const v of valid) {
        setCode(v.pupilId, v.key, v.code);
        lastSaved.set(`${formId}|${v.week}`, stamp);
      }
      return { saved: valid.length };
    },

    pupil(pupilId) {
      const p = pupils.get(pupilId);
      if (!p) return null;
      const h = school.histories.get(pupilId);
      const endDay = epochDayOf(`${Number(isoOfEpochDay(yearStartDay).slice(0, 4)) + 1}-07-31`) as number;
      const codes: string[] = [];
      const schoolSession: boolean[] = [];
      for (let key = yearFirstKey; key <= sessionKeyOf(endDay, 'PM'); key++) {
        codes.push(codeAt(h, key));
        schoolSession.push(key <= lastKeyToday && markedKeys.has(key));
      }
      return {
        pupil: {
          ...card(p),
          dateOfBirth: p.dateOfBirth,
          address: p.address,
          teacher: forms.get(p.formId)?.teacher ?? '',
        },
        today: school.today,
        year: { start: isoOfEpochDay(yearStartDay), end: isoOfEpochDay(endDay), codes, schoolSession },
        summary: yearToDate(pupilId),
      };
    },
  };
}
