// The report command end to end: spawns the CLI with the project's Node 22 and checks stdout,
// stderr and exit codes. The bundled sample school's boundary pupils are documented in
// scripts/make-sample.ts; their expected values below are worked out by hand from that design.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeSchool } from '../engine/compute-school.ts';
import { readCsv } from '../engine/csv.ts';
import { parseExport } from '../engine/formats/parse-export.ts';
import { presetById } from '../engine/policy/presets/index.ts';
import { REPORT_CSV_COLUMNS, reportJson, type Report, type ReportPupil } from '../engine/report-json.ts';
import { readFileSync, rmSync } from 'node:fs';

const ROOT = resolve(import.meta.dirname, '..');
const NODE = join(ROOT, 'node_modules', '.bin', 'node');
const SAMPLE = join(ROOT, 'demo', 'sample', 'sample-school.csv');

function report(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(NODE, ['--no-warnings', join(ROOT, 'scripts', 'report.ts'), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
function json(...args: string[]): Report {
  const r = report(...args);
  if (r.code !== 0) throw new Error(`exit ${r.code}: ${r.stderr}`);
  return JSON.parse(r.stdout) as Report;
}

let dir: string;
const file = (name: string, text: string): string => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'report-cli-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const PUPIL_KEYS = [
  'pupilId', 'name', 'possible', 'present', 'aea', 'authorised', 'unauthorised', 'attendancePct', 'persistent',
  'severe', 'band', 'brokenWeeks', 'epn', 'attendanceReturn', 'sicknessReturn', 'missingMarks', 'unknownCodes', 'stage',
];
const EPN_KEYS = [
  'currentSessions', 'met', 'provisional', 'sessionsToThreshold', 'windowStartWeek', 'windowEndWeek', 'firstMetWeek', 'maxInAnyWindow',
];

describe('report on the bundled sample school (as of Fri 20 Nov 2026)', () => {
  let r: Report;
  let byId: Map<string, ReportPupil>;
  beforeAll(() => {
    r = json('--input', SAMPLE, '--policy', 'dfe-support-first', '--as-of', '2026-11-20');
    byId = new Map(r.pupils.map((p) => [p.pupilId, p]));
  });

  it('prints exactly the contract: keys and their order', () => {
    expect(Object.keys(r)).toEqual(['asOf', 'policy', 'schoolSessions', 'schoolWeeks', 'pupils']);
    expect(r.pupils).toHaveLength(40);
    for (const p of r.pupils) {
      expect(Object.keys(p)).toEqual(PUPIL_KEYS);
      expect(Object.keys(p.epn)).toEqual(EPN_KEYS);
      expect(Object.keys(p.stage)).toEqual(['id', 'reasons', 'reviewDue']);
    }
  });

  it('counts the year to date: 106 school sessions (INSET 1 Sep is # for all) in 11 school weeks', () => {
    // Weeks of 31 Aug (Wed–Fri), 7 Sep … 19 Oct (7), half term, 2 Nov … 16 Nov (3).
    expect(r).toMatchObject({ asOf: '2026-11-20', policy: 'dfe-support-first', schoolSessions: 106, schoolWeeks: 11 });
  });

  it('puts the boundary pupils on the right side of 90%, 96% and 50% (exact integer comparison)', () => {
    expect(byId.get('P027')).toMatchObject({ possible: 100, authorised: 10, attendancePct: 90, persistent: true, severe: false, band: 'support' });
    expect(byId.get('P028')).toMatchObject({ possible: 100, attendancePct: 96, persistent: false, band: 'expect' });
    expect(byId.get('P029')).toMatchObject({ possible: 100, attendancePct: 50, persistent: true, severe: true });
  });

  it('computes the penalty-notice window: met, one short, provisional, and first met across the year boundary', () => {
    expect(byId.get('P030')!.epn).toEqual({
      currentSessions: 10,
      met: true,
      provisional: false,
      sessionsToThreshold: 0,
      windowStartWeek: '2026-09-07',
      windowEndWeek: '2026-11-16',
      firstMetWeek: '2026-11-09',
      maxInAnyWindow: 10,
    });
    expect(byId.get('P031')!.epn).toMatchObject({ currentSessions: 9, met: false, sessionsToThreshold: 1, firstMetWeek: null, maxInAnyWindow: 9 });
    expect(byId.get('P032')!.epn).toMatchObject({ currentSessions: 10, met: true, provisional: true });
    // 6 G in the week of 13 Jul 2026 + 4 O in the week of 31 Aug: the window ending 31 Aug spans the boundary.
    expect(byId.get('P037')!.epn).toMatchObject({ currentSessions: 0, met: false, firstMetWeek: '2026-08-31', maxInAnyWindow: 10 });
  });

  it('flags the statutory returns at 20 and 30 sessions, not at 19 and 29', () => {
    expect(byId.get('P033')!.attendanceReturn).toBe(true);
    expect(byId.get('P034')!.attendanceReturn).toBe(false);
    expect(byId.get('P035')!.sicknessReturn).toBe(true);
    expect(byId.get('P036')!.sicknessReturn).toBe(false);
  });

  it('counts unknown codes and missing marks, and reports a pupil with nothing possible with nulls', () => {
    expect(byId.get('P038')).toMatchObject({ unknownCodes: 2, possible: 104 });
    expect(byId.get('P039')).toMatchObject({ missingMarks: 5, possible: 101 });
    expect(byId.get('P040')).toMatchObject({ possible: 0, attendancePct: null, band: null, persistent: false, severe: false });
  });

  it('--flagged-only keeps only pupils with a flag, with the same values', () => {
    const flagged = json('--input', SAMPLE, '--policy', 'dfe-support-first', '--as-of', '2026-11-20', '--flagged-only');
    const isFlagged = (p: ReportPupil) =>
      p.persistent || p.severe || p.epn.met || p.epn.sessionsToThreshold <= 2 || p.attendanceReturn || p.sicknessReturn ||
      p.stage.id !== null || p.missingMarks > 0 || p.unknownCodes > 0;
    expect(flagged.pupils).toEqual(r.pupils.filter(isFlagged));
    expect(flagged.pupils.length).toBeGreaterThan(5);
    expect(flagged.pupils.length).toBeLessThan(40);
    expect(flagged.schoolSessions).toBe(106);
  });

  it('gives CSV with the same per-pupil values, a BOM, and one row per pupil', () => {
    const out = report('--input', SAMPLE, '--policy', 'dfe-support-first', '--as-of', '2026-11-20', '--format', 'csv');
    expect(out.code).toBe(0);
    expect(out.stdout.startsWith('\uFEFF')).toBe(true);
    const read = readCsv(out.stdout);
    if (!read.ok) throw new Error(read.message);
    expect(read.records[0]!.cells).toEqual([...REPORT_CSV_COLUMNS]);
    expect(read.records).toHaveLength(41);
    const p27 = Object.fromEntries(REPORT_CSV_COLUMNS.map((c, i) => [c, read.records[27]!.cells[i]]));
    expect(p27).toMatchObject({ pupil_id: 'P027', possible: '100', attendance_pct: '90', persistent: 'true', band: 'support' });
  });
});

// ---- The same marks as CSV and as CTF ------------------------------------------------------------

/** Marks per pupil per calendar date (weekdays 7–18 Sep 2026, and a July week for pupil A). */
interface Pupil {
  upn: string;
  forename: string;
  surname: string;
  /** Blocks as the CTF holds them: start date + one character per session (space = no mark). */
  blocks: { start: string; marks: string }[];
}
const PUPILS: Pupil[] = [
  {
    upn: 'A100',
    forename: 'Ann',
    surname: "O'Neil",
    blocks: [
      // Mon 13 – Sun 19 Jul 2026: G all week (10 sessions), weekend #.
      { start: '2026-07-13', marks: 'GGGGGGGGGG####' },
      // Mon 7 – Fri 18 Sep.
      // Mon / \, Tue O O, Wed / \, Thu I #, Fri / \, weekend; Mon / \, Tue N N, Wed–Fri / \.
      { start: '2026-09-07', marks: '/\\OO/\\I#/\\####' + '/\\NN/\\/\\/\\' },
      // A later block overlapping Fri 18 Sep (the later wins, §8.13): O O.
      { start: '2026-09-18', marks: 'OO' },
    ],
  },
  {
    upn: 'B200',
    forename: 'Bo',
    surname: 'Li',
    // Wed AM L; Fri 11 Sep AM no mark (space); Fri 18 Sep AM `i` (unknown: codes are case-sensitive).
    blocks: [{ start: '2026-09-07', marks: '/\\/\\L\\/\\ \\####' + '/\\/\\/\\/\\i\\' }],
  },
];

function toCtf(pupils: Pupil[]): string {
  const out = ['<?xml version="1.0" encoding="UTF-8"?>', '<CTfile>', '<Header><DocumentName>Common Transfer File</DocumentName></Header>', '<CTFpupilData>'];
  for (const p of pupils) {
    out.push('<Pupil>', `<UPN>${p.upn}</UPN>`, `<Surname>${p.surname}</Surname>`, `<Forename>${p.forename}</Forename>`, '<Attendance>');
    for (const b of p.blocks) {
      out.push('<YearData>', '<AttendSessions>', `<AttendanceStartDate>${b.start}</AttendanceStartDate>`, `<AttendanceMarks>${b.marks}</AttendanceMarks>`, '</AttendSessions>', '</YearData>');
    }
    out.push('</Attendance>', '</Pupil>');
  }
  out.push('</CTFpupilData>', '</CTfile>', '');
  return out.join('\n');
}

function toMarksCsv(pupils: Pupil[]): string {
  const lines = ['pupil_id,date,session,code,name'];
  for (const p of pupils) {
    for (const b of p.blocks) {
      const day0 = Date.parse(`${b.start}T00:00:00Z`);
      [...b.marks].forEach((ch, i) => {
        const date = new Date(day0 + Math.floor(i / 2) * 86_400_000).toISOString().slice(0, 10);
        const dow = new Date(`${date}T00:00:00Z`).getUTCDay();
        if (ch === ' ' || dow === 0 || dow === 6) return; // weekends carry # in the CTF; no rows in the CSV
        lines.push(`${p.upn},${date},${i % 2 === 0 ? 'AM' : 'PM'},${ch},"${p.forename} ${p.surname}"`);
      });
    }
  }
  return lines.join('\n') + '\n';
}

describe('CTF and marks CSV', () => {
  it('the bundled sample as CTF (two YearData blocks per pupil) gives the same report as the CSV', () => {
    const args = ['--policy', 'dfe-support-first', '--as-of', '2026-11-20'];
    const fromCsv = json('--input', SAMPLE, ...args);
    const fromCtf = json('--input', SAMPLE.replace(/\.csv$/, '.xml'), ...args);
    expect(fromCtf.pupils.map((p) => p.pupilId)[0]).toMatch(/^S9\d{11}$/); // the pupil id is the UPN (§8.13)
    const withoutIds = (r: Report) => ({ ...r, pupils: r.pupils.map(({ pupilId: _, ...rest }) => rest) });
    expect(withoutIds(fromCtf)).toEqual(withoutIds(fromCsv));
  });

  it('give the same report for the same marks (two YearData blocks, an overlapping later block)', () => {
    const csvPath = file('same.csv', toMarksCsv(PUPILS));
    const ctfPath = file('same.xml', toCtf(PUPILS));
    const fromCsv = json('--input', csvPath, '--policy', 'dfe-support-first', '--as-of', '2026-09-18');
    const fromCtf = json('--input', ctfPath, '--policy', 'dfe-support-first', '--as-of', '2026-09-18');
    expect(fromCtf).toEqual(fromCsv);
    const a = fromCtf.pupils[0]!;
    // Autumn: 20 school sessions; A: present 12, I 1, O 2 + N 2 + overlapped Fri O 2 = 6 unauthorised; Thu 10 Sep PM `#`.
    expect(a).toMatchObject({ pupilId: 'A100', name: "Ann O'Neil", possible: 19, present: 12, authorised: 1, unauthorised: 6 });
    // The July week of G is in the EPN window (it spans the academic-year boundary): 10 + 6.
    expect(a.epn).toMatchObject({ currentSessions: 16, met: true, windowStartWeek: '2026-07-13', windowEndWeek: '2026-09-14' });
    expect(fromCtf.pupils[1]).toMatchObject({ pupilId: 'B200', name: 'Bo Li', unknownCodes: 1, missingMarks: 1 });
  });

  it('the later of two rows for the same session wins (§8.12)', () => {
    const p = file(
      'dup.csv',
      'pupil_id,date,session,code\nP1,2026-09-07,AM,O\nP1,2026-09-07,PM,/\nP1,2026-09-07,AM,I\n',
    );
    expect(json('--input', p, '--policy', 'dfe-support-first', '--as-of', '2026-09-07').pupils[0]).toMatchObject({
      possible: 2,
      authorised: 1,
      unauthorised: 0,
      attendancePct: 50,
    });
  });

  it('reads a policy from a JSON file and reports its id (§8.15)', () => {
    const policy = { ...presetById('pdet-trust')!, id: 'our-school', name: 'Our school' };
    const path = file('policy.json', JSON.stringify(policy));
    const r = json('--input', SAMPLE, '--policy', path, '--as-of', '2026-11-20');
    expect(r.policy).toBe('our-school');
    expect(r.pupils.find((p) => p.pupilId === 'P027')!.band).toBe('persistent'); // pdet-trust: ≤ 90
  });
});

// ---- CSV output safety ---------------------------------------------------------------------------

describe('a file read in pieces', () => {
  it('a marks CSV of several megabytes (rows and a multi-byte name across the read boundaries) gives the report of the whole file', () => {
    // The sample school 14 times over under other ids (3.4 MB): reads of 1 MiB split rows, quoted names
    // and multi-byte characters wherever they fall.
    const sample = readFileSync(SAMPLE, 'utf8');
    const [header, ...rows] = sample.trimEnd().split(/\r?\n/);
    const out = [header!.replace(/^\uFEFF/, '')];
    for (let copy = 0; copy < 14; copy++) {
      for (const row of rows) out.push(`C${copy}-${row.replace(/^P0(\d\d)/, '$1').replace(/,([^,]*O'Neill)/, ',"Zoë $1, Ñ"')}`);
    }
    const text = out.join('\r\n') + '\r\n';
    expect(Buffer.byteLength(text)).toBeGreaterThan(3 * (1 << 20));
    const p = file('big.csv', text);
    const parsed = parseExport(text, p);
    if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
    const expected = reportJson('2026-11-20', 'dfe-support-first', computeSchool(parsed.histories, presetById('dfe-support-first')!, '2026-11-20'));
    const r = json('--input', p, '--policy', 'dfe-support-first', '--as-of', '2026-11-20');
    expect(r.pupils).toHaveLength(560);
    expect(r.pupils.some((x) => x.name.startsWith('Zoë '))).toBe(true);
    expect(r).toEqual(expected);
  });
});

describe('CSV output', () => {
  it('neutralises a hostile name and quotes names with commas, quotes and line breaks', () => {
    const p = file(
      'names.csv',
      'pupil_id,date,session,code,name\n' +
        'P1,2026-09-07,AM,/,"=HYPERLINK(""http://x"",""y"")"\n' +
        'P2,2026-09-07,AM,/,"Smith, ""Jo""\nJr"\n' +
        'P3,2026-09-07,AM,/,@cmd\n',
    );
    const out = report('--input', p, '--policy', 'dfe-support-first', '--as-of', '2026-09-07', '--format', 'csv', '--no-bom');
    expect(out.code).toBe(0);
    expect(out.stdout.startsWith('pupil_id,')).toBe(true);
    expect(out.stdout).toContain(`\r\nP1,"'=HYPERLINK(""http://x"",""y"")",1,`);
    expect(out.stdout).toContain(`\r\nP2,"Smith, ""Jo""\nJr",1,`);
    expect(out.stdout).toContain(`\r\nP3,'@cmd,1,`);
  });
});

// ---- Errors --------------------------------------------------------------------------------------

describe('errors', () => {
  const run = (input: string, ...more: string[]) => report('--input', input, '--policy', 'dfe-support-first', '--as-of', '2026-09-18', ...more);
  const expectError = (r: ReturnType<typeof report>, code: number, ...fragments: string[]) => {
    expect(r.stdout).toBe('');
    for (const f of fragments) expect(r.stderr).toContain(f);
    expect(r.code).toBe(code);
  };

  it('a bad date in a row: file, line and value', () => {
    const p = file('bad-date.csv', 'pupil_id,date,session,code\nP1,2026-09-07,AM,/\nP1,2026-09-31,AM,/\n');
    expectError(run(p), 1, `${p}: line 3: date "2026-09-31" is not a real date`);
  });

  it('a session other than AM/PM', () => {
    const p = file('bad-session.csv', 'pupil_id,date,session,code\nP1,2026-09-07,XM,/\n');
    expectError(run(p), 1, `${p}: line 2: session "XM" is not AM or PM`);
  });

  it('malformed CSV', () => {
    const p = file('bad-quote.csv', 'pupil_id,date,session,code,name\nP1,2026-09-07,AM,/,ok\nP1,2026-09-08,AM,/,"Ann\n');
    expectError(run(p), 1, `${p}: line 3: a quoted field is not closed`);
  });

  it('malformed XML', () => {
    const p = file('bad.xml', toCtf(PUPILS).replace('</Forename>', '</Surname>'));
    expectError(run(p), 1, `${p}: line 8: malformed XML`);
  });

  it('a bad date in a CTF names the element and its line', () => {
    const p = file('bad-date.xml', toCtf(PUPILS).replace('2026-07-13', '2026-07-32'));
    expectError(run(p), 1, `${p}: line 12: <AttendanceStartDate>: in <Pupil> A100, "2026-07-32" is not a real date`);
  });

  it('an empty file, a missing file, an unrecognised file', () => {
    const empty = file('empty.csv', '');
    expectError(run(empty), 1, `${empty}: the file is empty`);
    const missing = join(dir, 'nope.csv');
    expectError(run(missing), 1, `${missing}: no such file`);
    const other = file('other.csv', 'id,when\n1,2\n');
    expectError(run(other), 1, `${other}: line 1: unrecognised format`);
  });

  it('a directory given as the input', () => {
    expectError(run(dir), 1, `${dir}: is a directory`);
  });

  it('pupil ids holding a line break or NUL, and years 0000 / 9999, in a marks CSV', () => {
    const ids = file('bad-ids.csv', 'pupil_id,date,session,code\n"P1\nP2",2026-09-07,AM,/\nP\u00003,2026-09-07,AM,/\n');
    expectError(run(ids), 1, `${ids}: line 2: pupil_id "P1\\nP2" contains a control character`, `${ids}: line 4: pupil_id "P\\u00003" contains a control character`);
    const years = file('bad-years.csv', 'pupil_id,date,session,code\nP1,0000-01-03,AM,/\nP1,9999-01-04,AM,/\n');
    expectError(run(years), 1, `${years}: line 2: date "0000-01-03" is outside the years 1990 to 2100`, `${years}: line 3: date "9999-01-04"`);
  });

  it('hostile CTF files get one plain message and no stack trace: a DOCTYPE (billion laughs), deep nesting, a foreign namespace', () => {
    const laughs = file(
      'laughs.xml',
      '<?xml version="1.0"?>\n<!DOCTYPE l [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>\n<CTfile><CTFpupilData><Pupil><UPN>A1</UPN><Forename>&b;</Forename></Pupil></CTFpupilData></CTfile>\n',
    );
    const deep = file('deep.xml', `<CTfile>${'<a>'.repeat(50_000)}${'</a>'.repeat(50_000)}</CTfile>`);
    const foreign = file('foreign.xml', toCtf(PUPILS).replace('<CTfile>', '<CTfile xmlns="urn:not-a-ctf">'));
    for (const [p, message] of [
      [laughs, `${laughs}: line 2: a DOCTYPE (document type declaration) is not allowed`],
      [deep, `${deep}: line 1: malformed XML: elements nested more than 100 deep`],
      [foreign, `${foreign}: line 2: <CTfile> is in the namespace "urn:not-a-ctf"`],
    ] as const) {
      const r = run(p);
      expectError(r, 1, message);
      expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
  });

  it('an unknown policy id, an invalid policy file, a policy file that is not JSON', () => {
    expectError(report('--input', SAMPLE, '--policy', 'no-such-policy', '--as-of', '2026-11-20'), 1, 'unknown policy "no-such-policy"', 'dfe-support-first');
    const invalid = file('invalid-policy.json', JSON.stringify({ ...presetById('pdet-trust')!, id: 'Bad Id', minSessionsForBanding: -1 }));
    const r = report('--input', SAMPLE, '--policy', invalid, '--as-of', '2026-11-20');
    expectError(r, 1, `${invalid}: invalid policy`, 'id', 'minSessionsForBanding');
    const notJson = file('not-json.json', '{ "id": ');
    expectError(report('--input', SAMPLE, '--policy', notJson, '--as-of', '2026-11-20'), 1, `${notJson}: not valid JSON`);
  });

  it('bad usage exits 2: no --as-of, a bad --as-of, a bad --format, an unknown option', () => {
    expectError(report('--input', SAMPLE, '--policy', 'dfe-support-first'), 2, 'missing --as-of', 'usage:');
    expectError(report('--input', SAMPLE, '--policy', 'dfe-support-first', '--as-of', '2026-02-30'), 2, '--as-of "2026-02-30"');
    expectError(run(SAMPLE, '--format', 'xlsx'), 2, '--format "xlsx"');
    expectError(run(SAMPLE, '--verbose'), 2, 'usage:');
  });
});
