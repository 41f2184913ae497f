import { describe, expect, it } from 'vitest';
import { csvCell, readCsv, restoreCell, writeCsv } from './csv.ts';

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
