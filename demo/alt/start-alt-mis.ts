// Starts "Kestrel MIS", the second demo MIS, on 127.0.0.1 with node:http: plain static
// pages rendered from the same generated school as the Beacon demo (demo/generate), and its own marks
// export at /alt/export/marks.csv (the report command's marks CSV, statutory codes).
//
//   /alt/                                  the forms
//   /alt/register?form=<id>&week=<Monday>  a week's register (pupils as columns; default: this week)
//   /alt/pupil/<id>                        a pupil's details, notes and this year's marks
//   /alt/export/marks.csv                  every mark, statutory codes (engine/formats/marks-csv.ts)
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isValidIsoDate, mondayOf } from '../../engine/dates.ts';
import { schoolToMarksCsv } from '../export/marks-csv.ts';
import type { DemoSchool } from '../types.ts';
import { altHomePage, altPupilPage, altRegisterPage } from './alt-pages.ts';

export interface AltMisOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  host?: string;
  /** The school to serve; by default the generator's default primary school. */
  school?: DemoSchool;
}

export interface AltMis {
  /** Base URL of the MIS with a trailing slash, e.g. `http://127.0.0.1:5190/alt/`. */
  url: string;
  school: DemoSchool;
  close(): Promise<void>;
}

const CSS = `body{font:14px system-ui,sans-serif;margin:0;color:#1d2a33}
.k-top{background:#16324f;color:#fff;padding:8px 16px}.k-brand{font-weight:700}.k-school{opacity:.8;margin-left:8px}
.k-nav{padding:6px 16px;background:#e6edf3}main{padding:12px 16px}
table{border-collapse:collapse}th,td{border:1px solid #b9c6d2;padding:2px 6px;text-align:center}
.k-stu{writing-mode:vertical-rl;transform:rotate(180deg);white-space:nowrap;font-weight:400}
.k-tick{color:#1a7f37}.icon-late::before{content:"\\25F7";color:#b45309;font-style:normal;font-weight:700}.k-code{font-weight:600;color:#9a3412}
.k-foot{padding:8px 16px;color:#5b6b78;font-size:12px}
.k-details{display:grid;grid-template-columns:max-content auto;gap:2px 12px}.k-details dt{font-weight:600}.k-details dd{margin:0}`;
const JS = `// Kestrel MIS page script (demo): highlights a note when clicked.
function kNote(el){el.classList.toggle('k-note-open');}`;
const SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 14 14"><circle cx="7" cy="7" r="6" fill="none" stroke="#b91c1c" stroke-width="2"/><path d="M7 3v4h3" stroke="#b91c1c" stroke-width="2" fill="none"/></svg>`;

function send(res: ServerResponse, status: number, type: string, body: string): void {
  res.writeHead(status, { 'content-type': `${type}; charset=utf-8`, 'cache-control': 'no-store' });
  res.end(body);
}

/** The request handler (exported for tests that do not need a socket). */
export function altHandler(school: DemoSchool): (req: IncomingMessage, res: ServerResponse) => void {
  let csv: string | null = null;
  return (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const path = url.pathname;
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'text/plain', 'method not allowed');
    if (path === '/alt' || path === '/alt/') return send(res, 200, 'text/html', altHomePage(school));
    if (path === '/alt/kestrel.css') return send(res, 200, 'text/css', CSS);
    if (path === '/alt/kestrel.js') return send(res, 200, 'text/javascript', JS);
    if (path === '/alt/late-closed.svg') return send(res, 200, 'image/svg+xml', SVG);
    if (path === '/alt/export/marks.csv') {
      csv ??= schoolToMarksCsv(school);
      res.writeHead(200, { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': 'attachment; filename="kestrel-marks.csv"' });
      return void res.end(csv);
    }
    if (path === '/alt/register') {
      const week = url.searchParams.get('week') ?? mondayOf(school.today);
      if (!isValidIsoDate(week)) return send(res, 400, 'text/plain', `week ${JSON.stringify(week)} is not a YYYY-MM-DD date`);
      const html = altRegisterPage(school, url.searchParams.get('form') ?? '', week);
      return html === null ? send(res, 404, 'text/plain', 'no such form') : send(res, 200, 'text/html', html);
    }
    const pupil = /^\/alt\/pupil\/([^/]+)$/.exec(path);
    if (pupil) {
      const html = altPupilPage(school, decodeURIComponent(pupil[1]!));
      return html === null ? send(res, 404, 'text/plain', 'no such pupil') : send(res, 200, 'text/html', html);
    }
    send(res, 404, 'text/plain', 'not found');
  };
}

export async function startAltMis(opts: AltMisOptions = {}): Promise<AltMis> {
  const school = opts.school ?? (await import('../generate/generate-school.ts')).generateSchool();
  const server = createServer(altHandler(school));
  // Idle keep-alive connections stay open for minutes, not Node's 5 s: a client in the same process
  // (the tests) that was busy for longer would otherwise reuse a connection the server is closing at
  // that moment, and its request fails (ECONNRESET), on a loaded machine only.
  server.keepAliveTimeout = 5 * 60_000;
  const host = opts.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${port}/alt/`,
    school,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
}

// `node --no-warnings demo/alt/start-alt-mis.ts [port]`: serve the default school until stopped.
if (import.meta.url === `file://${process.argv[1]}`) {
  const port = Number(process.argv[2] ?? 5190);
  const mis = await startAltMis({ port });
  console.log(`Kestrel MIS (demo) at ${mis.url}`);
}
