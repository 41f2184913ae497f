// A table mapping reads an MIS as well as the report command does: the flags read from Kestrel MIS's pages through a mapping agree with the report
// command on Kestrel's own export. Starts the real server (node:http), fetches every register week of
// two academic years for three forms, reads each page with the table adapter — once with the
// hand-written mapping (kestrel-mapping.ts), once with a mapping set up as a new user would (pick the
// table, map the codes the preview lists) — builds the histories and runs the engine; then runs
// scripts/report.ts (Node 22, as a user would) on /alt/export/marks.csv and compares every pupil's
// report entry.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseMapping } from '../../adapters/table/parse-mapping.ts';
import { inferRegister } from '../../adapters/table/infer-register.ts';
import type { TableMapping } from '../../adapters/table/mapping-schema.ts';
import { newMapping } from '../../adapters/table/new-mapping.ts';
import { previewRead } from '../../adapters/table/preview-read.ts';
import { readTableRegister } from '../../adapters/table/read-table-register.ts';
import { tableAdapter } from '../../adapters/table/table-adapter.ts';
import type { Adapter } from '../../adapters/types.ts';
import { computeSchool } from '../../engine/compute-school.ts';
import { academicYearStart, addDays, mondayOf } from '../../engine/dates.ts';
import { historyFromRows } from '../../engine/history.ts';
import { presetById } from '../../engine/policy/presets/index.ts';
import { isFlagged, reportJson, type Report } from '../../engine/report-json.ts';
import type { MarkRow } from '../../engine/types.ts';
import { generateSchool } from '../generate/generate-school.ts';
import type { DemoSchool } from '../types.ts';
import { KESTREL_LOCAL_CODES } from './alt-mark.ts';
import { kestrelMapping } from './kestrel-mapping.ts';
import { parseHtml } from './parse-html.ts';
import { startAltMis, type AltMis } from './start-alt-mis.ts';

const ROOT = resolve(import.meta.dirname, '..', '..');
const NODE = join(ROOT, 'node_modules', '.bin', 'node');
const POLICY = 'dfe-support-first';

let mis: AltMis;
let dir: string;
/**
 * The generated school cut to three forms, to keep the test's ~200 happy-dom page parses quick. The
 * first form holds the boundary pupils (demo/generate/boundary-pupils.ts); the export and the pages
 * are both made from this same school, so the comparison stays exact.
 */
function threeForms(school: DemoSchool): DemoSchool {
  const keep = new Set([school.forms[0]!.id, school.forms[3]!.id, school.forms[8]!.id]);
  const pupils = school.pupils.filter((p) => keep.has(p.formId));
  return {
    ...school,
    forms: school.forms.filter((f) => keep.has(f.id)),
    pupils,
    histories: new Map(pupils.map((p) => [p.id, school.histories.get(p.id)!])),
  };
}

beforeAll(async () => {
  mis = await startAltMis({ school: threeForms(generateSchool()) });
  dir = mkdtempSync(join(tmpdir(), 'alt-flags-'));
});
afterAll(async () => {
  await mis.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('Kestrel MIS through a mapping vs the report command on its export', () => {
  it('gives every pupil the same report entry, flags included — with the hand-written mapping and with one set up by picking', { timeout: 300_000 }, async () => {
    const parsed = parseMapping(kestrelMapping);
    if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
    const written = tableAdapter(parsed.mapping);
    const asOf = mis.school.today;

    // The pages: every week of last academic year and this one up to today, every form — what a user
    // paging back through the registers reads. Last year is needed too: the EPN window (10 school
    // weeks, domain.md §4) and its first-met week reach back across the summer holiday.
    const first = mondayOf(academicYearStart(addDays(academicYearStart(asOf), -1)));
    const pages: { url: URL; doc: Document }[] = [];
    for (const form of mis.school.forms) {
      for (let week = first; week <= asOf; week = addDays(week, 7)) {
        const url = new URL(`register?form=${form.id}&week=${week}`, mis.url);
        pages.push({ url, doc: parseHtml(await (await fetch(url)).text()) });
      }
    }
    // The export is fetched now, while the server's keep-alive connection is fresh: the reading below
    // takes longer than its 5 s idle timeout on a loaded machine, and a reused socket the server has
    // just closed fails with ECONNRESET.
    const csv = await (await fetch(new URL('export/marks.csv', mis.url))).text();
    expect(pages.length).toBeGreaterThan(mis.school.forms.length * 60);

    // A new user's mapping: they pick the register table on this week's page of the first form
    // (infer-register.ts), and map each local spelling the preview lists as not mapped, as it first
    // appears on a page they open (the options page's live preview) — choosing what Kestrel's
    // legend says it means.
    const start = pages.find((p) => p.url.searchParams.get('form') === mis.school.forms[0]!.id && p.url.searchParams.get('week') === mondayOf(asOf))!;
    const inferred = inferRegister(start.doc, start.url, start.doc.querySelector('table')!);
    if (!inferred.ok) throw new Error(inferred.reason);
    let picked: TableMapping = newMapping('Kestrel MIS', inferred.register);

    const collect = (adapter: Adapter | null) => {
      const rows = new Map<string, { name: string; marks: MarkRow[] }>();
      for (const { url, doc } of pages) {
        let read = adapter ? adapter.readRegister(doc, url) : readTableRegister(doc, url, picked);
        if (!adapter) {
          const { unmapped } = previewRead(read);
          if (unmapped.length > 0) {
            picked = { ...picked, codes: { ...picked.codes, ...Object.fromEntries(unmapped.map((c) => [c, KESTREL_LOCAL_CODES[c]!])) } };
            read = readTableRegister(doc, url, picked);
          }
        }
        if (!read.ok) throw new Error(`${url.href}: ${read.reason}`);
        for (const p of read.data.pupils) {
          const entry = rows.get(p.pupilId) ?? { name: p.name, marks: [] };
          for (const m of p.marks) entry.marks.push({ date: m.date, session: m.session, code: m.code });
          rows.set(p.pupilId, entry);
        }
      }
      const histories = [...rows].map(([id, e]) => historyFromRows(id, e.name, e.marks));
      return reportJson(asOf, POLICY, computeSchool(histories, presetById(POLICY)!, asOf));
    };
    for (const { url, doc } of pages) expect(written.detect(url, doc)).toBe('register');
    const fromPages = collect(written);
    const fromPicked = collect(null);
    // Every local spelling got mapped along the way, and to what the hand-written mapping says.
    expect(picked.codes).toEqual(KESTREL_LOCAL_CODES);
    expect(fromPicked).toEqual(fromPages);

    const file = join(dir, 'kestrel-marks.csv');
    writeFileSync(file, csv);
    const cli = spawnSync(NODE, ['--no-warnings', join(ROOT, 'scripts', 'report.ts'), '--input', file, '--policy', POLICY, '--as-of', asOf], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(cli.stderr).toBe('');
    expect(cli.status).toBe(0);
    const fromExport = JSON.parse(cli.stdout) as Report;

    // Same pupils (the export lists pupils with any mark; every pupil is on a register).
    const byId = new Map(fromPages.pupils.map((p) => [p.pupilId, p]));
    expect(fromPages.pupils.length).toBe(fromExport.pupils.length);
    expect(fromPages.schoolSessions).toBe(fromExport.schoolSessions);
    expect(fromPages.schoolWeeks).toBe(fromExport.schoolWeeks);
    const flagged = fromExport.pupils.filter(isFlagged);
    // The generated school has pupils to act on (boundary pupils, absence patterns): the check is not vacuous.
    expect(flagged.length).toBeGreaterThan(10);
    for (const want of fromExport.pupils) {
      const got = byId.get(want.pupilId);
      expect(got, `pupil ${want.pupilId} read from the pages`).toBeDefined();
      expect(got).toEqual(want);
    }
    expect(fromPages.pupils.filter(isFlagged).map((p) => p.pupilId).sort()).toEqual(flagged.map((p) => p.pupilId).sort());
  });
});
