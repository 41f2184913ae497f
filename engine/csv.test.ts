import { describe, expect, it } from 'vitest';
import { CsvScanner, MAX_RECORD_BYTES, cellText, csvCell, readCsv, restoreCell, writeCsv, type CsvProblem } from './csv.ts';

describe('csvCell', () => {
  it('neutralises cells Excel would evaluate as formulas with a leading apostrophe', () => {
    expect(csvCell('=HYPERLINK("http://x","y")')).toBe(`"'=HYPERLINK(""http://x"",""y"")"`);
    expect(csvCell('+1')).toBe("'+1");
    expect(csvCell('-2+3')).toBe("'-2+3");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\tx')).toBe("'\tx");
    expect(csvCell('\rx')).toBe(`"'\rx"`);
    expect(csvCell('＝1+1')).toBe("'＝1+1");
  });

  it('leaves ordinary text, numbers and booleans alone', () => {
    expect(csvCell('Ann Smith')).toBe('Ann Smith');
    expect(csvCell('a=b')).toBe('a=b');
    expect(csvCell(-5)).toBe('-5');
    expect(csvCell(66.7)).toBe('66.7');
    expect(csvCell(true)).toBe('true');
    expect(csvCell(null)).toBe('');
    expect(csvCell(undefined)).toBe('');
  });

  it('quotes commas, quotes and line breaks (RFC 4180)', () => {
    expect(csvCell('Smith, Ann')).toBe('"Smith, Ann"');
    expect(csvCell('Ann "Nan" Smith')).toBe('"Ann ""Nan"" Smith"');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
  });
});

describe('restoreCell', () => {
  it('removes only the apostrophe csvCell added', () => {
    for (const v of ['-', '=HYPERLINK("http://x","y")', '+1', '@a', '\tx', '＝1']) expect(restoreCell(csvCell(v).replace(/^"|"$/g, '').replaceAll('""', '"'))).toBe(v);
    expect(restoreCell("O'Neil")).toBe("O'Neil");
    expect(restoreCell("'quoted'")).toBe("'quoted'");
    expect(restoreCell("'")).toBe("'");
  });
});

describe('writeCsv', () => {
  it('ends every record with CRLF and adds a BOM only when asked', () => {
    expect(writeCsv([['a', 1], ['b', null]])).toBe('a,1\r\nb,\r\n');
    expect(writeCsv([['a']], { bom: true })).toBe('\uFEFFa\r\n');
  });

  it('neutralises formulas unless told not to (for import files read by a program)', () => {
    expect(writeCsv([['-', '=x']])).toBe("'-,'=x\r\n");
    expect(writeCsv([['-', '=x']], { neutraliseFormulas: false })).toBe('-,=x\r\n');
  });

  it('round-trips hostile and awkward names through readCsv', () => {
    const names = ['Smith, Ann', 'Ann "Nan" Smith', 'two\r\nlines', 'O\'Neil', 'Zoë Ćwik'];
    const text = writeCsv([['name'], ...names.map((n) => [n])], { bom: true });
    const read = readCsv(text);
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(read.records.map((r) => r.cells[0])).toEqual(['name', ...names]);
  });
});

describe('readCsv', () => {
  it('reads LF and CRLF files, skips blank lines and numbers records by their first line', () => {
    const read = readCsv('a,b\r\n1,"x\ny"\n\n2,3\n');
    expect(read).toEqual({
      ok: true,
      records: [
        { line: 1, cells: ['a', 'b'] },
        { line: 2, cells: ['1', 'x\ny'] },
        { line: 5, cells: ['2', '3'] },
      ],
    });
  });

  it('keeps empty fields', () => {
    const read = readCsv('a,,c\n,\n');
    expect(read.ok && read.records.map((r) => r.cells)).toEqual([['a', '', 'c'], ['', '']]);
  });

  it('reports an unterminated quote at the line where it opened', () => {
    expect(readCsv('a,b\n1,"open\n2,3\n')).toEqual({ ok: false, line: 2, message: expect.stringContaining('not closed') });
  });

  it('reports a stray quote and text after a closing quote with their line', () => {
    expect(readCsv('a,b\n1,2\n3,x"y\n')).toMatchObject({ ok: false, line: 3 });
    expect(readCsv('a,b\n"x"y,2\n')).toMatchObject({ ok: false, line: 2 });
  });
});

/** Scans bytes pushed in the given pieces; returns the records (line and cells) and any problem. */
function scanPieces(pieces: Uint8Array[]): { records: { line: number; cells: string[] }[]; problem: CsvProblem | null } {
  const records: { line: number; cells: string[] }[] = [];
  const scanner = new CsvScanner((row) => {
    const cells: string[] = [];
    for (let i = 0; i < row.count; i++) cells.push(cellText(row, i));
    records.push({ line: row.line, cells });
    return true;
  });
  for (const p of pieces) scanner.push(p);
  scanner.end();
  return { records, problem: scanner.problem };
}

describe('CsvScanner (bytes pushed in pieces)', () => {
  // A BOM, CRLF and LF and a lone CR, a quoted comma, doubled quotes, a line break inside quotes, a
  // blank line, two- three- and four-byte UTF-8 characters, and no line end after the last record.
  const text = '\uFEFFid,name,code\r\n1,"Smith, Ann",/\r\n2,"say ""hi""\nthere",\\\n\n3,Zoë Ñúñez 名前 😀,C1\r4,é,"x"';
  const bytes = new TextEncoder().encode(text);
  const whole = scanPieces([bytes]);

  it('reads the whole file as readCsv does', () => {
    expect(whole.problem).toBeNull();
    expect(whole.records).toEqual([
      { line: 1, cells: ['id', 'name', 'code'] },
      { line: 2, cells: ['1', 'Smith, Ann', '/'] },
      { line: 3, cells: ['2', 'say "hi"\nthere', '\\'] },
      { line: 6, cells: ['3', 'Zoë Ñúñez 名前 😀', 'C1'] },
      { line: 7, cells: ['4', 'é', 'x'] },
    ]);
    expect(readCsv(text)).toEqual({ ok: true, records: whole.records });
  });

  it('gives the same records wherever the chunks split a row, a quoted field, a CRLF, the BOM or a multi-byte character', () => {
    for (let cut = 0; cut <= bytes.length; cut++) {
      expect(scanPieces([bytes.subarray(0, cut), bytes.subarray(cut)]), `cut at byte ${cut}`).toEqual(whole);
    }
    for (let a = 1; a < bytes.length; a += 3) {
      for (let b = a + 1; b < bytes.length; b += 5) {
        expect(scanPieces([bytes.subarray(0, a), bytes.subarray(a, b), bytes.subarray(b)]), `cuts at ${a}, ${b}`).toEqual(whole);
      }
    }
    expect(scanPieces([...bytes].map((b) => Uint8Array.of(b)))).toEqual(whole);
  });

  it('counts a CRLF split between two chunks as one line end', () => {
    const crlf = new TextEncoder().encode('a,b\r\n1,2\r\n3,"x\r\ny"\r\n4,z\r\n');
    const expected = [
      { line: 1, cells: ['a', 'b'] },
      { line: 2, cells: ['1', '2'] },
      { line: 3, cells: ['3', 'x\r\ny'] },
      { line: 5, cells: ['4', 'z'] },
    ];
    for (let cut = 1; cut < crlf.length; cut++) {
      expect(scanPieces([crlf.subarray(0, cut), crlf.subarray(cut)]).records, `cut at byte ${cut}`).toEqual(expected);
    }
  });

  it('reports quote problems with their line whatever the chunking', () => {
    const bad = new TextEncoder().encode('a,b\n1,2\n3,"open\n4,5\n');
    for (let cut = 0; cut <= bad.length; cut++) {
      expect(scanPieces([bad.subarray(0, cut), bad.subarray(cut)]).problem).toEqual({ line: 3, message: 'a quoted field is not closed (missing ")' });
    }
  });

  it('refuses a record longer than the limit instead of holding it in memory', () => {
    const piece = new Uint8Array(64 * 1024).fill(120); // "xxx…" with no line end
    const pieces = [new TextEncoder().encode('a\n"'), ...Array.from({ length: MAX_RECORD_BYTES / piece.length + 2 }, () => piece)];
    const { problem } = scanPieces(pieces);
    expect(problem?.line).toBe(2);
    expect(problem?.message).toMatch(/row longer than 1 MiB/);
  });
});
