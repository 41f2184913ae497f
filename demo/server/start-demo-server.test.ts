import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoServer, type DemoServer } from './start-demo-server.ts';
import { tinySchool } from './tiny-school.ts';

let server: DemoServer;
const get = (path: string) => fetch(new URL(path, server.url));
const post = (path: string, body: string) =>
  fetch(new URL(path, server.url), { method: 'POST', headers: { 'Content-Type': 'application/json' }, body });

beforeAll(async () => {
  server = await startDemoServer({
    port: 0,
    school: tinySchool(),
    apiDelayMs: [0, 0],
    // The real exporters are tested with the generator in test/e2e/demo-mis.e2e.ts; here only the wiring.
    exporters: { marksCsv: (s) => `pupil_id\n${s.pupils.map((p) => p.id).join('\n')}\n`, ctfXml: () => '<CTfile/>' },
  });
});
afterAll(() => server.close());

describe('startDemoServer (HTTP wiring, hand-made school)', () => {
  it('listens on 127.0.0.1 on a free port', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
  });

  it('serves the JSON API', async () => {
    const forms = (await (await get('/api/forms')).json()) as { id: string; pupilCount: number }[];
    expect(forms.map((f) => [f.id, f.pupilCount])).toEqual([['11', 32], ['12', 3]]);
    const reg = await get('/api/forms/11/register?week=2026-11-16');
    expect(reg.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(((await reg.json()) as { rows: unknown[] }).rows).toHaveLength(32);
    expect((await get('/api/forms/99/register')).status).toBe(404);
    expect((await get('/api/forms/11/register?week=soon')).status).toBe(400);
  });

  it('saves a register and the pupil API shows it', async () => {
    const res = await post('/api/forms/11/register', JSON.stringify({ edits: [{ pupilId: '1002', date: '2026-11-19', session: 'AM', code: 'M' }] }));
    expect(await res.json()).toEqual({ saved: 1 });
    const pupil = (await (await get('/api/pupils/1002')).json()) as { year: { start: string; codes: string[] } };
    const index = (Date.UTC(2026, 10, 19) - Date.UTC(2026, 7, 1)) / 86_400_000 * 2;
    expect(pupil.year.codes[index]).toBe('M');
  });

  it('answers bad requests with a status and a message', async () => {
    const notJson = await post('/api/forms/11/register', '{edits:');
    expect(notJson.status).toBe(400);
    expect(await notJson.json()).toEqual({ error: 'request body is not valid JSON' });
    expect((await post('/api/forms/11/register', '{}')).status).toBe(400);
    expect((await fetch(new URL('/api/forms/11/register', server.url), { method: 'DELETE' })).status).toBe(405);
    expect((await get('/api/nothing')).status).toBe(404);
    expect((await get('/assets/nothing.js')).status).toBe(404);
  });

  it('serves page URLs as the client shell and the exports with their types', async () => {
    const shell = await get('/register/11?week=2026-11-16');
    expect(shell.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await shell.text()).toContain('<script type="module" src="/assets/app.js">');
    expect((await get('/assets/app.js')).headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    const csv = await get('/export/marks.csv');
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect((await csv.text()).trim().split('\n')).toHaveLength(36);
    expect((await get('/export/ctf.xml')).headers.get('content-type')).toBe('application/xml; charset=utf-8');
  });
});
