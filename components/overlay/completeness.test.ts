import { describe, expect, it } from 'vitest';
import { completenessText } from './completeness.ts';

const base = {
  firstStored: { date: '2025-09-01', session: 'AM' as const },
  lastStored: { date: '2025-11-14', session: 'PM' as const },
  schoolSessions: 100,
  schoolSessionsWithoutMark: 0,
};

describe('completenessText', () => {
  it('all read since the start of term', () => {
    expect(completenessText(base)).toEqual({ headline: 'All sessions since 1 Sep read', details: [], complete: true });
  });
  it('sessions without a mark are counted and the fix is named', () => {
    const c = completenessText({ ...base, schoolSessionsWithoutMark: 1 });
    expect(c.headline).toBe('1 of 100 school sessions since 1 Sep has no mark read');
    expect(c.complete).toBe(false);
    expect(c.details[0]).toMatch(/^Open this pupil's attendance page/);
  });
  it('a history that starts in November is not called complete (the autumn term was not read)', () => {
    const c = completenessText({ ...base, firstStored: { date: '2025-11-10', session: 'AM' }, schoolSessions: 10 });
    expect(c.headline).toBe('All sessions since 10 Nov read');
    expect(c.complete).toBe(false);
    expect(c.details[0]).toMatch(/^Nothing read before 10 Nov\. Open/);
  });
  it('16 Sep (46 days after 1 Aug) counts as a late start; 15 Sep does not', () => {
    expect(completenessText({ ...base, firstStored: { date: '2025-09-15', session: 'AM' } }).complete).toBe(true);
    expect(completenessText({ ...base, firstStored: { date: '2025-09-16', session: 'AM' } }).complete).toBe(false);
  });
  it('nothing read, or not known', () => {
    expect(completenessText({ ...base, firstStored: null, lastStored: null, schoolSessions: 0 }).headline).toBe('No marks read for this pupil yet');
    expect(completenessText(undefined)).toEqual({ headline: 'History completeness not known yet', details: [], complete: false });
  });
});
