// Serves the MIS client's files (demo/web/) under /assets/. No build step: the browser loads the ES
// modules as they are written.
import { readFile } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

export const WEB_ROOT = fileURLToPath(new URL('../web/', import.meta.url));

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
};

/** Sends `relPath` from demo/web/; false when there is no such file (the caller answers 404). */
export async function staticFiles(relPath: string, res: ServerResponse): Promise<boolean> {
  const clean = normalize(relPath).replace(/^([/\\])+/, '');
  const full = join(WEB_ROOT, clean);
  // Never serve outside demo/web (e.g. /assets/../../package.json).
  if (clean.startsWith('..') || !full.startsWith(WEB_ROOT.endsWith(sep) ? WEB_ROOT : WEB_ROOT + sep)) return false;
  const type = TYPES[extname(full)];
  if (!type) return false;
  let body: Buffer;
  try {
    body = await readFile(full);
  } catch {
    return false;
  }
  res.writeHead(200, { 'Content-Type': type, 'Content-Length': body.length, 'Cache-Control': 'no-cache' });
  res.end(body);
  return true;
}
