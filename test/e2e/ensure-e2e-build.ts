// Builds the end-to-end copy of the extension (npm run build:e2e → .output-e2e/chrome-mv3) when it is
// missing or older than any of its sources; returns its folder. Used by the e2e tests and benchmarks.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const E2E_EXTENSION = join(ROOT, '.output-e2e', 'chrome-mv3');
/** The project's Node 22 (the system node may be older). */
export const NODE = join(ROOT, 'node_modules', '.bin', 'node');

/**
 * What is not built into the extension: everything else at the top of the repository counts as a
 * source, so a folder moved or added is never missed (a stale build would test old code).
 */
const NOT_SOURCES = new Set(['node_modules', 'out', 'test', 'bench', 'demo', 'docs']);

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  return readdirSync(path)
    .filter((f) => !/\.test\.tsx?$/.test(f))
    .reduce((m, f) => Math.max(m, newestMtime(join(path, f))), 0);
}

export function ensureE2eBuild(): string {
  const manifest = join(E2E_EXTENSION, 'manifest.json');
  const sources = readdirSync(ROOT).filter((f) => !f.startsWith('.') && !NOT_SOURCES.has(f) && !f.endsWith('.md'));
  const newest = Math.max(...sources.map((s) => newestMtime(join(ROOT, s))));
  if (existsSync(manifest) && statSync(manifest).mtimeMs >= newest) return E2E_EXTENSION;
  const r = spawnSync(NODE, ['--no-warnings', 'scripts/build-e2e.ts'], { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`npm run build:e2e failed (exit ${r.status}):\n${r.stdout}\n${r.stderr}`);
  return E2E_EXTENSION;
}

/** A private copy of the e2e build in `dir` (another build may rewrite .output-e2e while a test runs). */
export function e2eExtensionCopy(dir: string): string {
  const copy = join(dir, 'ext');
  cpSync(ensureE2eBuild(), copy, { recursive: true });
  return copy;
}
