import { describe, expect, it } from 'vitest';
import { CAT, CODE_CAT, CODE_TABLE, EMPTY_ID, EPN_CODES, UNKNOWN_ID, codeId, codeInfo } from './codes.ts';

describe('codeInfo (domain.md §2)', () => {
  const expectCategory = (codes: string[], category: string, possible: boolean) => {
    for (const c of codes) {
      const info = codeInfo(c);
      expect(info.code, c).toBe(c);
      expect(info.category, c).toBe(category);
      expect(info.possible, c).toBe(possible);
    }
  };

  it('present, AEA, authorised and unauthorised codes are possible sessions', () => {
    expectCategory(['/', '\\', 'L'], 'present', true);
    expectCategory(['B', 'K', 'P', 'V', 'W'], 'aea', true);
    expectCategory(['C', 'C1', 'C2', 'E', 'I', 'J1', 'M', 'R', 'S', 'T'], 'authorised', true);
    expectCategory(['G', 'N', 'O', 'U'], 'unauthorised', true);
  });

  it('not-counted, administrative and missing codes are not possible sessions', () => {
    expectCategory(['D', 'Q', 'X', 'Y1', 'Y2', 'Y3', 'Y4', 'Y5', 'Y6', 'Y7'], 'not-counted', false);
    expectCategory(['Z', '#'], 'administrative', false);
    expectCategory(['-', ''], 'missing', false);
  });

  it('only G N O U count for penalty notices', () => {
    expect(EPN_CODES).toEqual(['G', 'N', 'O', 'U']);
    expect(CODE_TABLE.filter((c) => c.epn).map((c) => c.code)).toEqual(['G', 'N', 'O', 'U']);
  });

  it('keeps withdrawn codes with their legacy meaning (§8.9)', () => {
    expect(codeInfo('H')).toMatchObject({ category: 'authorised', possible: true, legacy: true });
    expect(codeInfo('F')).toMatchObject({ category: 'authorised', possible: true, legacy: true });
    expect(codeInfo('J')).toMatchObject({ category: 'aea', possible: true, legacy: true });
    expect(codeInfo('Y')).toMatchObject({ category: 'not-counted', possible: false, legacy: true });
    expect(codeInfo('J1').legacy).toBe(false);
  });

  it('never guesses a code it does not know: lower case i, XX, I_F, a space', () => {
    for (const c of ['i', 'XX', 'I_F', ' ', 'Y8', 'C3', '/ ', 'é']) {
      expect(codeInfo(c), c).toMatchObject({ code: c, category: 'unknown', possible: false, epn: false });
    }
  });
});

describe('codeId (fast lookup)', () => {
  it('agrees with codeInfo for every known code', () => {
    CODE_TABLE.forEach((info, i) => {
      expect(codeId(info.code)).toBe(i);
      expect(CODE_CAT[i]).toBe(['present', 'aea', 'authorised', 'unauthorised', 'not-counted', 'administrative', 'missing', 'unknown'].indexOf(info.category));
    });
  });

  it('maps empty to EMPTY_ID and anything else to UNKNOWN_ID', () => {
    expect(codeId('')).toBe(EMPTY_ID);
    expect(CODE_CAT[EMPTY_ID]).toBe(CAT.missing);
    for (const c of ['i', 'XX', 'I_F', 'é', 'Y8', 'ZZZ']) expect(codeId(c), c).toBe(UNKNOWN_ID);
    expect(CODE_CAT[UNKNOWN_ID]).toBe(CAT.unknown);
  });
});
