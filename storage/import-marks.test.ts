// Importing an MIS export into the stored history: a preview writes nothing; a commit
// writes the marks and the pupils' attributes together; a failure part-way (a full disk) writes
// nothing at all and says so. fake-indexeddb is the database; its put is the only thing patched.
import 'fake-indexeddb/auto';
import type { IDBPDatabase } from 'idb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importMarks } from './import-marks.ts';
import { openDb } from './open-db.ts';
import type { AttendanceDB } from './schema.ts';
import { storedPupils } from './stored-pupils.ts';

let db: IDBPDatabase<AttendanceDB>;
let n = 0;
beforeEach(async () => {
  db = await openDb({ name: `import-test-${n++}` });
});
afterEach(() => db.close());

const CSV = [
  'pupil_id,date,session,code,name,upn,year_group',
  'p1,2025-09-01,AM,/,Ada Lovelace,A123456789012,4',
  'p1,2025-09-01,PM,O,Ada Lovelace,A123456789012,4',
  'p2,2025-09-01,AM,I,Alan Turing,B123456789012,5',
  'p2,2025-09-01,PM,I,Alan Turing,B123456789012,5',
].join('\n');

describe('importMarks', () => {
  it('previews without writing, then commits marks and attributes', async () => {
    const preview = await importMarks(db, CSV, { fileName: 'marks.csv', commit: false });
    expect(preview).toMatchObject({ ok: true, committed: false, pupils: 2, newPupils: 2, added: 4 });
    expect(await db.count('pupils')).toBe(0);

    const done = await importMarks(db, CSV, { fileName: 'marks.csv', commit: true, now: new Date('2025-09-02T08:00:00Z') });
    expect(done).toMatchObject({ ok: true, committed: true, added: 4 });
    const [p1, p2] = await storedPupils(db, ['p1', 'p2']);
    expect(p1!.marks.map((m) => m.code)).toEqual(['/', 'O']);
    expect(p1!.attributes.upn).toBe('A123456789012');
    expect(p2!.attributes.yearGroup).toBe('5');
  });

  it('a full disk part-way stores nothing of the file, and says so', async () => {
    const proto = globalThis.IDBObjectStore.prototype;
    const realPut = proto.put;
    // The last write of the file (a pupil record with its attributes) fails like a full disk.
    proto.put = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
      if (this.name === 'pupils' && (args[0] as { id?: string }).id === 'p2') throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return realPut.apply(this, args);
    };
    try {
      const r = await importMarks(db, CSV, { fileName: 'marks.csv', commit: true });
      expect(r.ok).toBe(false);
      expect(!r.ok && r.error).toMatch(/^marks\.csv: The browser has no room left .* Nothing from the file was stored/);
    } finally {
      proto.put = realPut;
    }
    expect(await db.count('pupils')).toBe(0);
    expect(await db.count('years')).toBe(0);
    expect(await db.count('provenance')).toBe(0);
  });
});
