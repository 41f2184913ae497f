import { describe, expect, it } from 'vitest';
import { newStandInMap, standInFor } from './stand-ins.ts';

describe('standInFor', () => {
  it('gives the same pupil the same stand-in, and different pupils different ones', () => {
    const map = newStandInMap();
    const a = standInFor(map, '1042');
    const b = standInFor(map, '1043');
    expect(standInFor(map, '1042')).toBe(a);
    expect(new Set([a.id, b.id, a.upn, b.upn, `${a.forename} ${a.surname}`, `${b.forename} ${b.surname}`]).size).toBe(6);
  });

  it('keeps the shape of numeric ids and never reuses a known id', () => {
    const map = newStandInMap();
    // 9999 is a real id here: the first stand-in must skip it.
    const s = standInFor(map, '1042', new Set(['9999']));
    expect(s.id).toBe('9998');
    expect(standInFor(map, 'A-17').id).toBe('anon-2');
    expect(s.upn).toMatch(/^Z\d{12}$/);
    expect(s.dateOfBirth).toMatch(/^2000-01-\d{2}$/);
  });

  it('survives a round trip through JSON (the caller may keep it between pages)', () => {
    const map = newStandInMap();
    const s = standInFor(map, '7');
    const copy = JSON.parse(JSON.stringify(map));
    expect(standInFor(copy, '7')).toEqual(s);
  });
});
