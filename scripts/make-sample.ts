// Generates demo/sample/sample-school.csv: a small, deterministic sample school for the report
// command (run once; the output is committed). Run: npx node --no-warnings scripts/make-sample.ts
//
// 40 pupils; marks for the summer term 2026 from 20 April (so penalty-notice windows can span the
// academic-year boundary) and the autumn term 2026 up to Friday 20 November 2026 (the as-of date the
// README uses). Calendar: bank holiday Mon 4 May 2026 and INSET Tue 1 Sep 2026 are `#` for everyone;
// half terms 25–29 May and 26–30 Oct 2026 and the summer holiday have no rows.
//
// Pupils P001–P026 have a seeded random but realistic mix of codes. P027–P040 are boundary pupils
// whose expected results can be worked out by hand (autumn 2026 has 106 school sessions):
//   P027 joined Mon 7 Sep (6 Z first) → 100 possible, 10 I       → attendance exactly 90.0%, persistent
//   P028 joined Mon 7 Sep             → 100 possible, 4 I        → exactly 96.0%
//   P029 joined Mon 7 Sep             → 100 possible, 50 absent  → exactly 50.0%, severe
//   P030 10 O in the current EPN window (weeks 7 Sep – 16 Nov)   → EPN met, 0 to threshold
//   P031 9 O in the current window                               → not met, 1 to threshold
//   P032 6 O + 4 N in the current window                         → met, provisional
//   P033 G for 20 consecutive sessions (5–16 Oct)                → attendance return
//   P034 G for 19 consecutive sessions                           → no attendance return
//   P035 30 I sessions this year (three 5-day spells)            → sickness return
//   P036 29 I sessions this year                                 → no sickness return
//   P037 6 G in July 2026 + 4 O in the first week of September   → EPN first met in the window ending
//        week of 31 Aug 2026 (spans the academic-year boundary); 0 in the current window (7 Sep – 16 Nov)
//   P038 unknown codes `i` (case matters, §8.11) and `?`, kept and counted
//   P039 three `-` and two sessions with no row                  → 5 missing marks
//   P040 dual registered, `D` every session                      → no possible sessions, % null

import { writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeCsv, type CsvValue } from '../engine/csv.ts';
import { fromEpochDay, toEpochDay, weekdayOfDay } from '../engine/dates.ts';

type Half = 'AM' | 'PM';
interface Session {
  date: string;
  half: Half;
  autumn: boolean;
}

/** mulberry32: a tiny seeded PRNG, so the file is the same on every run. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function weekdays(from: string, to: string, skip: [string, string][]): string[] {
  const out: string[] = [];
  for (let d = toEpochDay(from); d <= toEpochDay(to); d++) {
    if (weekdayOfDay(d) >= 5) continue;
    const iso = fromEpochDay(d);
    if (skip.some(([a, b]) => iso >= a && iso <= b)) continue;
    out.push(iso);
  }
  return out;
}

const CLOSED = new Set(['2026-05-04', '2026-09-01']); // bank holiday, INSET: `#` for everyone
const summerDays = weekdays('2026-04-20', '2026-07-17', [['2026-05-25', '2026-05-29']]);
const autumnDays = weekdays('2026-09-01', '2026-11-20', [['2026-10-26', '2026-10-30']]);
const toSessions = (days: string[], autumn: boolean): Session[] =>
  days.flatMap((date) => [
    { date, half: 'AM' as Half, autumn },
    { date, half: 'PM' as Half, autumn },
  ]);
const all = [...toSessions(summerDays, false), ...toSessions(autumnDays, true)];
/** School sessions (not closed), in order. */
const open = all.filter((s) => !CLOSED.has(s.date));
const autumnOpen = open.filter((s) => s.autumn);
if (autumnOpen.length !== 106) throw new Error(`expected 106 autumn school sessions, got ${autumnOpen.length}`);

const FIRST = ['Amelia', 'Oliver', 'Isla', 'Noah', 'Ava', 'Muhammad', 'Freya', 'George', 'Zoë', 'Leo', 'Siobhán', 'Arthur', 'Maya', 'Oscar', 'Aisha', 'Harry', 'Lily', 'Jack', 'Grace', 'Theo'];
const LAST = ['Smith', 'Jones', 'Patel', "O'Neill", 'Khan', 'Williams', 'Brown', 'Ćwik', 'Taylor', 'Davies', 'Evans', 'Wilson', 'Nowak', 'Roberts', 'Hughes', 'Ahmed', 'Walker', 'Wright-Thompson', 'Green', 'Hall'];

const random = rng(20261120);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;

/** Realistic codes for one pupil over all school sessions. */
function randomPupil(absenceRate: number): string[] {
  const codes: string[] = open.map((s) => (s.half === 'AM' ? '/' : '\\'));
  for (let i = 0; i < codes.length; i++) {
    const r = random();
    if (r < 0.02) codes[i] = 'L';
    else if (r < 0.025) codes[i] = pick(['B', 'V', 'P']);
  }
  // Absence spells: whole days of illness or unauthorised absence, single sessions for appointments.
  for (let i = 0; i < codes.length; i += 2) {
    if (random() >= absenceRate / 2) continue;
    const kind = random();
    if (kind < 0.6) {
      const days = 1 + Math.floor(random() * 3);
      for (let k = i; k < Math.min(codes.length, i + days * 2); k++) codes[k] = 'I';
    } else if (kind < 0.72) codes[i + (random() < 0.5 ? 0 : 1)] = 'M';
    else if (kind < 0.8) codes[i] = codes[i + 1] = 'C';
    else if (kind < 0.9) codes[i] = codes[i + 1] = 'O';
    else if (kind < 0.95) codes[i] = 'U';
    else for (let k = i; k < Math.min(codes.length, i + 6); k++) codes[k] = 'G';
  }
  return codes.map((c) => c ?? '/');
}

/** Present everywhere; `set` adjusts sessions by predicate. */
function presentPupil(): string[] {
  return open.map((s): string => (s.half === 'AM' ? '/' : '\\'));
}
const idx = (date: string, half: Half): number => {
  const i = open.findIndex((s) => s.date === date && s.half === half);
  if (i < 0) throw new Error(`${date} ${half} is not a school session`);
  return i;
};
const setRange = (codes: string[], from: number, count: number, code: string) => {
  for (let k = from; k < from + count; k++) codes[k] = code;
};
const autumn0 = idx('2026-09-02', 'AM');

/** Joined Mon 7 Sep: no summer marks, `Z` on the 6 sessions before, then 100 possible sessions. */
function joinerPupil(): (string | null)[] {
  const codes: (string | null)[] = presentPupil();
  for (let k = 0; k < autumn0; k++) codes[k] = null;
  setRange(codes as string[], autumn0, 6, 'Z');
  return codes;
}
/** `n` absences of `code` spread one per school day from the third week of term. */
function spread(codes: (string | null)[], n: number, code: string | ((j: number) => string), start = idx('2026-09-14', 'AM')) {
  for (let j = 0; j < n; j++) codes[start + j * 2] = typeof code === 'string' ? code : code(j);
}
const fridays = ['2026-10-09', '2026-10-16', '2026-10-23', '2026-11-06', '2026-11-13'];

const special: (string | null)[][] = [];
{
  const p27 = joinerPupil();
  spread(p27, 10, 'I');
  const p28 = joinerPupil();
  spread(p28, 4, 'I');
  const p29 = joinerPupil();
  spread(p29, 50, (j) => (j % 2 === 0 ? 'I' : 'O'), idx('2026-09-07', 'AM'));
  const p30 = presentPupil();
  for (const f of fridays) p30[idx(f, 'AM')] = p30[idx(f, 'PM')] = 'O';
  const p31 = presentPupil();
  for (const f of fridays) p31[idx(f, 'AM')] = p31[idx(f, 'PM')] = 'O';
  p31[idx('2026-11-13', 'PM')] = '\\';
  const p32 = presentPupil();
  for (const f of fridays.slice(0, 3)) p32[idx(f, 'AM')] = p32[idx(f, 'PM')] = 'O';
  for (const f of fridays.slice(3)) p32[idx(f, 'AM')] = p32[idx(f, 'PM')] = 'N';
  const p33 = presentPupil();
  setRange(p33, idx('2026-10-05', 'AM'), 20, 'G');
  const p34 = presentPupil();
  setRange(p34, idx('2026-10-05', 'AM'), 19, 'G');
  const p35 = presentPupil();
  for (const mon of ['2026-09-14', '2026-10-05', '2026-11-09']) setRange(p35, idx(mon, 'AM'), 10, 'I');
  const p36 = presentPupil();
  for (const mon of ['2026-09-14', '2026-10-05', '2026-11-09']) setRange(p36, idx(mon, 'AM'), 10, 'I');
  p36[idx('2026-11-13', 'PM')] = '\\';
  const p37 = presentPupil();
  setRange(p37, idx('2026-07-13', 'AM'), 6, 'G');
  setRange(p37, idx('2026-09-02', 'AM'), 4, 'O');
  const p38 = presentPupil();
  p38[idx('2026-09-21', 'AM')] = 'i';
  p38[idx('2026-10-12', 'PM')] = '?';
  const p39: (string | null)[] = presentPupil();
  for (const d of ['2026-09-08', '2026-09-29', '2026-11-03']) p39[idx(d, 'PM')] = '-';
  p39[idx('2026-10-14', 'AM')] = null; // no row at all
  p39[idx('2026-11-18', 'PM')] = null;
  const p40 = open.map(() => 'D');
  special.push(p27, p28, p29, p30, p31, p32, p33, p34, p35, p36, p37, p38, p39, p40);
}

const header = ['pupil_id', 'date', 'session', 'code', 'name', 'upn', 'year_group', 'class', 'sen', 'fsm', 'pp'];
const rows: CsvValue[][] = [header];
const ctfPupils: { upn: string; name: string; marks: Map<string, string> }[] = [];
for (let n = 1; n <= 40; n++) {
  const id = `P${String(n).padStart(3, '0')}`;
  const year = 1 + ((n * 7) % 6);
  const attrs = [
    // Unique names (the CTF test matches pupils by name, since the CTF's pupil id is the UPN).
    `${FIRST[(n - 1) % FIRST.length]} ${LAST[(n * 3 + Math.floor((n - 1) / FIRST.length)) % LAST.length]}`,
    `S${900000000000 + n * 7919}`,
    `Year ${year}`,
    `${year}${'AB'[n % 2]}`,
    n % 9 === 0 ? 'K' : n % 17 === 0 ? 'E' : 'N',
    n % 4 === 0 ? 'Y' : 'N',
    n % 3 === 0 ? 'Y' : 'N',
  ];
  const codes: (string | null)[] =
    n <= 26 ? randomPupil(n % 5 === 0 ? 0.16 : n % 3 === 0 ? 0.08 : 0.035) : special[n - 27]!;
  let first = true;
  const marks = new Map<string, string>();
  // Closed days (`#` for everyone) sit in the timeline in date order.
  let oi = 0;
  for (const s of all) {
    let code: string | null;
    if (CLOSED.has(s.date)) {
      code = n >= 27 && n <= 29 && !s.autumn ? null : '#'; // joiners have no summer rows
    } else {
      code = codes[oi++] ?? null;
    }
    if (code === null) continue;
    rows.push([id, s.date, s.half, code, ...(first ? attrs : ['', '', '', '', '', '', ''])]);
    marks.set(`${s.date} ${s.half}`, code);
    first = false;
  }
  ctfPupils.push({ upn: attrs[1]!, name: attrs[0]!, marks });
}

const out = join(dirname(fileURLToPath(import.meta.url)), '..', 'demo', 'sample', 'sample-school.csv');
mkdirSync(dirname(out), { recursive: true });
// An input file read by the importer, not a spreadsheet export: codes such as `-` (no mark) must stay
// as they are, so no formula neutralising; no BOM (the importer accepts either); LF line ends.
writeFileSync(out, writeCsv(rows, { neutraliseFormulas: false }).replaceAll('\r\n', '\n'));
console.log(`wrote ${out}: ${rows.length - 1} rows, 40 pupils, ${open.length} school sessions`);

// The same marks as a DfE Common Transfer File: one YearData block per academic year, one character
// per session for every calendar date from the start date; `#` on weekends and holidays (domain.md
// §8.13), a space where a school day has no mark (P039), so both files give the same report.
const schoolDates = new Set(all.map((s) => s.date));
const xmlText = (t: string) => t.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
const ctf: string[] = [
  '<?xml version="1.0" encoding="UTF-8"?>',
  '<CTfile>',
  '  <Header>',
  '    <DocumentName>Common Transfer File</DocumentName>',
  '    <DateTime>2026-11-20T16:00:00</DateTime>',
  '    <SourceSchool><SchoolName>Sample Primary School (generated)</SchoolName></SourceSchool>',
  '  </Header>',
  '  <CTFpupilData>',
];
for (const p of ctfPupils) {
  const [forename, ...surname] = p.name.split(' ');
  ctf.push('    <Pupil>', `      <UPN>${p.upn}</UPN>`, `      <Surname>${xmlText(surname.join(' '))}</Surname>`, `      <Forename>${xmlText(forename!)}</Forename>`, '      <Attendance>');
  for (const [from, to] of [['2026-04-20', '2026-07-17'], ['2026-09-01', '2026-11-20']] as const) {
    let text = '';
    let any = false;
    for (let d = toEpochDay(from); d <= toEpochDay(to); d++) {
      const date = fromEpochDay(d);
      for (const half of ['AM', 'PM'] as const) {
        const code = p.marks.get(`${date} ${half}`);
        if (code !== undefined) any = true;
        text += code ?? (weekdayOfDay(d) < 5 && schoolDates.has(date) ? ' ' : '#');
      }
    }
    if (!any) continue; // a joiner has no block for the year before they joined
    ctf.push(
      '        <YearData>',
      '          <AttendSessions>',
      `            <AttendanceStartDate>${from}</AttendanceStartDate>`,
      `            <AttendanceMarks>${xmlText(text)}</AttendanceMarks>`,
      '          </AttendSessions>',
      '        </YearData>',
    );
  }
  ctf.push('      </Attendance>', '    </Pupil>');
}
ctf.push('  </CTFpupilData>', '</CTfile>', '');
const ctfOut = out.replace(/\.csv$/, '.xml');
writeFileSync(ctfOut, ctf.join('\n'));
console.log(`wrote ${ctfOut}: the same marks as a CTF`);
