// Importing an MIS export (CTF XML or marks CSV) into the stored history: validated by the
// engine's parsers (engine/formats), previewed against what is stored (new pupils, sessions added,
// sessions changed), and written only when confirmed — through the same ingest as a page read
// (storage/ingest-page.ts), marks and attributes in one transaction, so amendments are recorded, the
// calendar learned, and a failure part-way stores nothing.
//
// Matching pupils: pages are keyed by the MIS's own pupil id, a CTF by the UPN (domain.md §8.13). An
// imported pupil whose id is not stored but whose UPN (or id) equals a stored pupil's UPN is matched
// to that stored pupil, so one child is never stored twice.
import type { IDBPDatabase } from 'idb';
import { ctf } from '../engine/formats/ctf.ts';
import { detectFormat } from '../engine/formats/detect-format.ts';
import type { ImportedPupil } from '../engine/formats/imported.ts';
import { marksCsv } from '../engine/formats/marks-csv.ts';
import type { IsoDate } from '../engine/types.ts';
import { ingestPages, QuotaError, quotaMessage, type PageToStore } from './ingest-page.ts';
import type { AttendanceDB } from './schema.ts';
import { decodeYear, slotOf } from './year-record.ts';


export interface ImportPupilPreview {
  pupilId: string;
  name: string;
  isNew: boolean;
  /** Sessions with no stored mark that the file fills. */
  added: number;
  /** Sessions whose stored code the file changes. */
  changed: number;
  unchanged: number;
}

export interface ImportReply {
  ok: true;
  format: 'marks-csv' | 'ctf';
  committed: boolean;
  pupils: number;
  newPupils: number;
  added: number;
  changed: number;
  unchanged: number;
  /** First and last session date in the file. */
  firstDate: IsoDate | null;
  lastDate: IsoDate | null;
  /** Per pupil, those with something added or changed first (up to 500). */
  perPupil: ImportPupilPreview[];
}

export interface ImportMarksOptions {
  fileName: string;
  commit: boolean;
  now?: Date;
}

export type ImportMarksResult = ImportReply | { ok: false; error: string };

export async function importMarks(db: IDBPDatabase<AttendanceDB>, text: string, opts: ImportMarksOptions): Promise<ImportMarksResult> {
  const { fileName } = opts;
  if (text.replace(/^\uFEFF/, '').trim() === '') return { ok: false, error: `${fileName}: the file is empty` };
  const format = detectFormat(text);
  if (format === null) {
    return {
      ok: false,
      error: `${fileName}: line 1: unrecognised format: expected a marks CSV (header pupil_id,date,session,code) or a DfE CTF XML file (<CTfile>)`,
    };
  }
  const read = format === 'ctf' ? ctf(text, fileName) : marksCsv(text, fileName);
  if (!read.ok) return { ok: false, error: read.errors.join('\n') };

  // Stored pupils by id and by UPN, to match the file's pupils.
  const storedPupils = await db.getAll('pupils');
  const byId = new Set(storedPupils.map((p) => p.id));
  const byUpn = new Map<string, string>();
  for (const p of storedPupils) if (p.attributes.upn) byUpn.set(p.attributes.upn, p.id);
  const targetId = (p: ImportedPupil): string | null => {
    if (byId.has(p.pupilId)) return p.pupilId;
    return byUpn.get(p.attributes.upn ?? p.pupilId) ?? byUpn.get(p.pupilId) ?? null;
  };

  const perPupil: ImportPupilPreview[] = [];
  let added = 0;
  let changed = 0;
  let unchanged = 0;
  let firstDate: IsoDate | null = null;
  let lastDate: IsoDate | null = null;
  const tx = db.transaction('years', 'readonly');
  const plan: { id: string; pupil: ImportedPupil }[] = [];
  for (const p of read.pupils) {
    const existing = targetId(p);
    const id = existing ?? p.pupilId;
    plan.push({ id, pupil: p });
    const stored = new Map<string, string[]>();
    if (existing !== null) {
      for (const rec of await tx.store.getAll(IDBKeyRange.bound([id, ''], [id, '\uffff']))) stored.set(rec.yearStart, decodeYear(rec).codes);
    }
    const row: ImportPupilPreview = { pupilId: id, name: p.name, isNew: existing === null, added: 0, changed: 0, unchanged: 0 };
    for (const m of p.marks.values()) {
      if (m.code === '') continue;
      if (firstDate === null || m.date < firstDate) firstDate = m.date;
      if (lastDate === null || m.date > lastDate) lastDate = m.date;
      const where = slotOf(m.date, m.session);
      if (where === null) continue;
      const before = stored.get(where.yearStart)?.[where.slot] ?? '';
      if (before === '') row.added++;
      else if (before !== m.code) row.changed++;
      else row.unchanged++;
    }
    added += row.added;
    changed += row.changed;
    unchanged += row.unchanged;
    perPupil.push(row);
  }
  await tx.done;

  if (opts.commit) {
    const readAt = (opts.now ?? new Date()).toISOString();
    const source = { url: `import:${fileName}`, readAt, adapter: format };
    const marks: PageToStore = {
      source,
      page: {
        kind: 'register',
        weekStart: firstDate ?? '2000-01-03',
        sessions: [],
        pupils: plan.map(({ id, pupil }) => ({
          pupilId: id,
          name: pupil.name,
          marks: [...pupil.marks.values()].map((m) => ({ date: m.date, session: m.session, code: m.code, original: m.code })),
          pending: [],
        })),
      },
    };
    // Attributes (UPN, year group, class, SEN, FSM, PP) arrive as pupil reads without marks.
    const attributes: PageToStore[] = plan
      .filter(({ pupil }) => Object.keys(pupil.attributes).length > 0)
      .map(({ id, pupil }) => ({ source, page: { kind: 'pupil', pupilId: id, name: pupil.name, attributes: pupil.attributes, marks: [] } }));
    // The whole file in one transaction: all or nothing (a full disk or a stopped worker leaves no half-import).
    try {
      await ingestPages(db, [marks, ...attributes]);
    } catch (e) {
      if (e instanceof QuotaError) {
        return { ok: false, error: `${fileName}: ${quotaMessage('the file')}` };
      }
      throw e;
    }
  }

  perPupil.sort((a, b) => b.added + b.changed - (a.added + a.changed) || a.pupilId.localeCompare(b.pupilId));
  return {
    ok: true,
    format,
    committed: opts.commit,
    pupils: perPupil.length,
    newPupils: perPupil.filter((p) => p.isNew).length,
    added,
    changed,
    unchanged,
    firstDate,
    lastDate,
    perPupil: perPupil.slice(0, 500),
  };
}
