import { describe, expect, it } from 'vitest';
import { detectFormat } from './detect-format.ts';

describe('detectFormat', () => {
  it('recognises XML (with or without a declaration or BOM) as CTF', () => {
    expect(detectFormat('<?xml version="1.0"?><CTfile/>')).toBe('ctf');
    expect(detectFormat('\uFEFF\n  <CTfile></CTfile>')).toBe('ctf');
  });
  it('recognises a marks CSV header in any column order, quoted or not', () => {
    expect(detectFormat('pupil_id,date,session,code\n')).toBe('marks-csv');
    expect(detectFormat('\uFEFF"name","pupil_id",date,session,code\r\n')).toBe('marks-csv');
  });
  it('returns null for anything else', () => {
    expect(detectFormat('id,when,mark\n1,2,3')).toBeNull();
    expect(detectFormat('{"pupils":[]}')).toBeNull();
    expect(detectFormat('')).toBeNull();
  });
});
