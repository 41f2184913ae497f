import { describe, expect, it } from 'vitest';
import { sessionKey } from './dates.ts';
import { codeAt, historyFromRows, historyToRows } from './history.ts';
import type { MarkRow } from './types.ts';

const row = (date: string, session: 'AM' | 'PM', code: string): MarkRow => ({ date, session, code });

describe('historyFromRows', () => {
  it('builds a dense array from the first to the last marked session', () => {
    const h = historyFromRows('p1', 'Ann Ash', [row('2025-09-02', 'PM', 'I'), row('2025-09-01', 'AM', '/')], {
      yearGroup: '7',
    });
    expect(h.firstKey).toBe(sessionKey('2025-09-01', 'AM'));
    expect(h.codes).toEqual(['/', '', '', 'I']);
    expect(h.attributes).toEqual({ yearGroup: '7' });
    expect(codeAt(h, sessionKey('2025-09-02', 'PM'))).toBe('I');
    expect(codeAt(h, sessionKey('2025-09-01', 'PM'))).toBe('');
    expect(codeAt(h, sessionKey('2025-08-29', 'PM'))).toBe(''); // before the array
    expect(codeAt(h, sessionKey('2025-09-05', 'AM'))).toBe(''); // after it
  });

  it('lets the later row win for the same session (§8.12)', () => {
    const h = historyFromRows('p1', 'A', [row('2025-09-01', 'AM', 'N'), row('2025-09-01', 'AM', 'M')]);
    expect(h.codes).toEqual(['M']);
  });

  it('drops Saturday and Sunday marks (§8.5)', () => {
    const h = historyFromRows('p1', 'A', [
      row('2025-09-05', 'PM', '/'), // Friday
      row('2025-09-06', 'AM', 'G'), // Saturday
      row('2025-09-07', 'PM', 'G'), // Sunday
    ]);
    expect(historyToRows(h)).toEqual([row('2025-09-05', 'PM', '/')]);
  });

  it('treats an empty code as no mark, which does not erase an earlier mark (§8.11)', () => {
    const h = historyFromRows('p1', 'A', [row('2025-09-01', 'AM', 'I'), row('2025-09-01', 'AM', ''), row('2025-09-02', 'AM', '')]);
    expect(h.codes).toEqual(['I']);
  });

  it('keeps codes verbatim, case and all', () => {
    const h = historyFromRows('p1', 'A', [row('2025-09-01', 'AM', 'i'), row('2025-09-01', 'PM', 'XX')]);
    expect(h.codes).toEqual(['i', 'XX']);
  });

  it('gives an empty history for no rows', () => {
    const h = historyFromRows('p1', 'A', [row('2025-09-06', 'AM', '/')]);
    expect(h.codes).toEqual([]);
    expect(historyToRows(h)).toEqual([]);
  });

  it('rejects bad rows naming the pupil, row and field', () => {
    expect(() => historyFromRows('p9', 'A', [row('2025-09-01', 'AM', '/'), row('2025-02-30', 'AM', '/')])).toThrow(
      /p9, mark row 2: field "date" "2025-02-30"/,
    );
    expect(() => historyFromRows('p9', 'A', [{ date: '2025-09-01', session: 'am' as 'AM', code: '/' }])).toThrow(
      /mark row 1: field "session" "am"/,
    );
  });

  it('round-trips through historyToRows', () => {
    const input = [row('2025-09-01', 'AM', '/'), row('2025-09-01', 'PM', '\\'), row('2025-09-03', 'AM', 'C1')];
    expect(historyToRows(historyFromRows('p', 'A', input))).toEqual(input);
  });
});
