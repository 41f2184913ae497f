// The demo MIS's request handler: a JSON API for the single-page client, the client's files, the
// SPA shell for every page URL (client-side routing), and the whole-school exports.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { DemoSchool } from '../types.ts';
import { markCodes } from './mark-codes.ts';
import { MisInputError, type MisStore } from './mis-store.ts';
import { staticFiles } from './static-files.ts';

export interface MisExporters {
  marksCsv(school: DemoSchool): string | Promise<string>;
  ctfXml(school: DemoSchool): string | Promise<string>;
}

export interface MisHandlerOptions {
  store: MisStore;
  school: DemoSchool;
  exporters: MisExporters;
  /** Artificial API latency [min, max] in ms, so rows arrive after the page shell, as on a real MIS. */
  apiDelayMs: readonly [number, number];
}

const MAX_BODY = 1_000_000;

class HttpError extends Error {
  status: number;
  constructor(status: number, message: string) {
    super(message);
    this.status = status;
  }
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  const body = Buffer.from(JSON.stringify(value));
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': body.length,
    'Cache-Control': 'no-store',
  });
  res.end(body);
}

function sendText(res: ServerResponse, status: number, type: string, text: string, extra: Record<string, string> = {}): void {
  const body = Buffer.from(text);
  res.writeHead(status, { 'Content-Type': type, 'Content-Length': body.length, 'Cache-Control': 'no-store', ...extra });
  res.end(body);
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const b = chunk as Buffer;
    size += b.length;
    if (size > MAX_BODY) throw new HttpError(413, 'request body too large');
    chunks.push(b);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new HttpError(400, 'request body is not valid JSON');
  }
}

export function misHandler(opts: MisHandlerOptions): (req: IncomingMessage, res: ServerResponse) => void {
  const { store, school, exporters } = opts;
  const [minDelay, maxDelay] = opts.apiDelayMs;
  const delay = () => sleep(minDelay + Math.random() * Math.max(0, maxDelay - minDelay));

  async function api(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const parts = url.pathname.split('/').filter(Boolean).map(decodeURIComponent); // ['api', ...]
    const method = req.method ?? 'GET';
    await delay();
    if (method === 'GET' && parts.length === 2 && parts[1] === 'school') return sendJson(res, 200, store.school());
    if (method === 'GET' && parts.length === 2 && parts[1] === 'codes') return sendJson(res, 200, markCodes);
    if (method === 'GET' && parts.length === 2 && parts[1] === 'forms') return sendJson(res, 200, store.forms());
    if (method === 'GET' && parts.length === 2 && parts[1] === 'pupils') return sendJson(res, 200, store.pupils());
    if (parts.length === 3 && parts[1] === 'pupils' && method === 'GET') {
      const view = store.pupil(parts[2] as string);
      if (!view) throw new HttpError(404, `no pupil with id "${parts[2]}"`);
      return sendJson(res, 200, view);
    }
    if (parts.length === 4 && parts[1] === 'forms' && parts[3] === 'register') {
      const formId = parts[2] as string;
      if (method === 'GET') {
        const view = store.register(formId, url.searchParams.get('week') ?? undefined);
        if (!view) throw new HttpError(404, `no form with id "${formId}"`);
        return sendJson(res, 200, view);
      }
      if (method === 'POST') {
        const body = await readJson(req);
        const edits = typeof body === 'object' && body !== null ? (body as { edits?: unknown }).edits : undefined;
        const result = store.saveRegister(formId, edits);
        return sendJson(res, 200, result);
      }
      throw new HttpError(405, `${method} is not allowed here`);
    }
    throw new HttpError(404, `no API route ${method} ${url.pathname}`);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const method = req.method ?? 'GET';
    try {
      if (url.pathname.startsWith('/api/')) return await api(req, res, url);
      if (method !== 'GET' && method !== 'HEAD') throw new HttpError(405, `${method} is not allowed here`);
      if (url.pathname === '/export/marks.csv') {
        const csv = await exporters.marksCsv(school);
        return sendText(res, 200, 'text/csv; charset=utf-8', csv, {
          'Content-Disposition': 'attachment; filename="attendance-marks.csv"',
        });
      }
      if (url.pathname === '/export/ctf.xml') {
        const xml = await exporters.ctfXml(school);
        return sendText(res, 200, 'application/xml; charset=utf-8', xml, {
          'Content-Disposition': 'attachment; filename="school-ctf.xml"',
        });
      }
      if (url.pathname.startsWith('/assets/')) {
        if (await staticFiles(url.pathname.slice('/assets/'.length), res)) return;
        throw new HttpError(404, `no file ${url.pathname}`);
      }
      if (url.pathname.startsWith('/export/') || url.pathname === '/favicon.ico') {
        throw new HttpError(404, `no file ${url.pathname}`);
      }
      // Every other URL is a page of the single-page client: send the shell, the client routes.
      if (await staticFiles('index.html', res)) return;
      throw new HttpError(500, 'demo/web/index.html is missing');
    } catch (err) {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      if (err instanceof HttpError) return sendJson(res, err.status, { error: err.message });
      if (err instanceof MisInputError) return sendJson(res, 400, { error: err.message });
      const message = err instanceof Error ? err.message : String(err);
      process.stderr.write(`demo MIS: ${method} ${url.pathname} failed: ${err instanceof Error ? err.stack : message}\n`);
      return sendJson(res, 500, { error: message });
    }
  }

  return (req, res) => {
    void handle(req, res);
  };
}
