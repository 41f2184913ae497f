import { describe, expect, it } from 'vitest';
import { describeZodError, messageSchema } from './messages.ts';
import { sendMessage } from './send-message.ts';

const register = {
  type: 'ingest-page',
  source: { url: 'http://127.0.0.1:8080/register/7B?week=2025-09-01', readAt: '2025-09-02T09:30:00.000Z', adapter: 'demo' },
  page: {
    kind: 'register',
    formId: '7B',
    weekStart: '2025-09-01',
    sessions: [{ date: '2025-09-01', session: 'AM' }],
    pupils: [{ pupilId: '1042', name: 'Ada Lovelace', marks: [{ date: '2025-09-01', session: 'AM', code: 'I', original: 'I_F' }], pending: [] }],
  },
};

describe('messageSchema', () => {
  it('accepts a register read and a pupil read as the adapters produce them', () => {
    expect(messageSchema.safeParse(register).success).toBe(true);
    const pupil = {
      type: 'ingest-page',
      source: register.source,
      page: { kind: 'pupil', pupilId: '1042', name: 'Ada Lovelace', attributes: { upn: 'A123', fsm: true }, marks: [] },
    };
    expect(messageSchema.safeParse(pupil).success).toBe(true);
    expect(messageSchema.safeParse({ type: 'query-pupils', pupilIds: ['1042'], pending: [{ pupilId: '1042', date: '2025-09-01', session: 'PM', code: 'L' }] }).success).toBe(true);
  });

  it('names every bad field', () => {
    const bad = structuredClone(register) as typeof register;
    (bad.page.pupils[0]!.marks[0] as { session: string }).session = 'EVENING';
    bad.page.weekStart = '2025-02-30';
    const r = messageSchema.safeParse(bad);
    expect(r.success).toBe(false);
    const text = describeZodError(r.error!);
    expect(text).toContain('page.weekStart: expected a real calendar date as YYYY-MM-DD');
    expect(text).toContain('page.pupils.0.marks.0.session');
  });

  it('rejects unknown message types and unknown page kinds', () => {
    expect(messageSchema.safeParse({ type: 'drop-database' }).success).toBe(false);
    expect(messageSchema.safeParse({ ...register, page: { ...register.page, kind: 'timetable' } }).success).toBe(false);
  });
});

describe('sendMessage', () => {
  it('turns a missing background into an error reply instead of throwing', async () => {
    const r = await sendMessage({ type: 'get-settings' });
    expect(r.ok).toBe(false);
    expect((r as { error: string }).error).toMatch(/^Could not reach the extension's background for "get-settings"/);
  });
});
