import { describe, expect, it } from 'vitest';
import { codeMap } from './code-map.ts';

describe('demo codeMap', () => {
  it('keeps the MIS spellings that are statutory codes, with the original', () => {
    expect(codeMap('/')).toEqual({ code: '/', original: '/' });
    expect(codeMap('\\')).toEqual({ code: '\\', original: '\\' });
    expect(codeMap(' C2 ')).toEqual({ code: 'C2', original: 'C2' });
    expect(codeMap('Y7')).toEqual({ code: 'Y7', original: 'Y7' });
    expect(codeMap('#')).toEqual({ code: '#', original: '#' });
  });
  it('"-" is no mark recorded; a blank cell is nothing read', () => {
    expect(codeMap('-')).toEqual({ code: '-', original: '-' });
    expect(codeMap('  ')).toEqual({ code: '', original: '' });
  });
  it('unknown tokens are kept raw, case and all (domain.md §2, §8.11)', () => {
    expect(codeMap('i')).toEqual({ code: 'i', original: 'i' });
    expect(codeMap('I_F')).toBeNull(); // not a Beacon spelling: refused rather than guessed
  });
  it('text that cannot be a mark is refused', () => {
    expect(codeMap('Present')).toBeNull();
    expect(codeMap('/ /')).toBeNull();
    expect(codeMap('<b>')).toBeNull();
  });
});
