import { describe, expect, it } from 'vitest';
import type { PupilPageRead, RegisterPageRead } from '../../messages/messages.ts';
import { emptySentState, hashString, payloadDiff } from './payload-diff.ts';

const mark = (date: string, session: 'AM' | 'PM', code: string, original = code) => ({ date, session, code, original });

function register(codesA: string[], codesB: string[], pendingB: string[] = []): RegisterPageRead {
  const sessions = [
    { date: '2025-03-03', session: 'AM' as const },
    { date: '2025-03-03', session: 'PM' as const },
  ];
  const row = (id: string, codes: string[], pending: string[]) => ({
    pupilId: id,
    name: `Pupil ${id}`,
    marks: codes.map((c, i) => mark(sessions[i]!.date, sessions[i]!.session, c)),
    pending: pending.map((c, i) => mark(sessions[i]!.date, sessions[i]!.session, c)),
  });
  return {
    kind: 'register',
    formId: 'f1',
    formName: '3 Oak',
    weekStart: '2025-03-03',
    sessions,
    pupils: [row('a', codesA, []), row('b', codesB, pendingB)],
  };
}

describe('payloadDiff', () => {
  it('sends a register page whole the first time, then nothing while it is unchanged', () => {
    const state = emptySentState();
    const first = payloadDiff(register(['/', '\\'], ['/', 'N']), state);
    expect(first.send?.kind === 'register' && first.send.pupils.map((p) => p.pupilId)).toEqual(['a', 'b']);
    first.commit(state);
    expect(payloadDiff(register(['/', '\\'], ['/', 'N']), state).send).toBeNull();
  });

  it('does not record anything until commit (an unacknowledged send is sent again)', () => {
    const state = emptySentState();
    payloadDiff(register(['/', '\\'], ['/', 'N']), state);
    expect(payloadDiff(register(['/', '\\'], ['/', 'N']), state).send).not.toBeNull();
  });

  it('after a save, sends only the pupil whose saved marks changed, with the page header', () => {
    const state = emptySentState();
    payloadDiff(register(['/', '\\'], ['/', 'N']), state).commit(state);
    const d = payloadDiff(register(['/', '\\'], ['/', 'I']), state);
    expect(d.send?.kind).toBe('register');
    if (d.send?.kind !== 'register') return;
    expect(d.send.pupils.map((p) => p.pupilId)).toEqual(['b']);
    expect(d.send.weekStart).toBe('2025-03-03');
    expect(d.send.sessions).toHaveLength(2);
  });

  it('a pending edit alone sends nothing but changes the pending hash', () => {
    const state = emptySentState();
    const a = payloadDiff(register(['/', '\\'], ['/', 'N']), state);
    a.commit(state);
    const b = payloadDiff(register(['/', '\\'], ['/', 'N'], ['/', 'I']), state);
    expect(b.send).toBeNull();
    expect(b.pendingHash).not.toBe(a.pendingHash);
  });

  it('another week (header change) sends the whole page again', () => {
    const state = emptySentState();
    payloadDiff(register(['/', '\\'], ['/', 'N']), state).commit(state);
    const next = { ...register(['/', '\\'], ['/', 'N']), weekStart: '2025-03-10' };
    const d = payloadDiff(next, state);
    expect(d.send?.kind === 'register' && d.send.pupils).toHaveLength(2);
  });

  it('pupil pages: sent once, again only when marks or attributes change', () => {
    const state = emptySentState();
    const p: PupilPageRead = {
      kind: 'pupil',
      pupilId: '1001',
      name: 'A B',
      attributes: { upn: 'X' },
      marks: [mark('2025-03-03', 'AM', '/')],
    };
    const d = payloadDiff(p, state);
    expect(d.send).toBe(p);
    d.commit(state);
    expect(payloadDiff(p, state).send).toBeNull();
    expect(payloadDiff({ ...p, marks: [mark('2025-03-03', 'AM', 'I')] }, state).send).not.toBeNull();
  });

  it('hashString distinguishes near-identical strings', () => {
    expect(hashString('["/","N"]')).not.toBe(hashString('["/","O"]'));
    expect(hashString('abc')).toBe(hashString('abc'));
  });
});
