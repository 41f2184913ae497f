// Builds the end-to-end copy of the extension (npm run build:e2e → .output-e2e/chrome-mv3) when it is
// missing or older than any of its sources; returns its folder. Used by the e2e tests and benchmarks.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const E2E_EXTENSION = join(ROOT, '.output-e2e', 'chrome-mv3');
/** The project's Node 22 (the system node may be older). */
export const NODE = join(ROOT, 'node_modules', '.bin', 'node');

const SOURCES = ['adapters', 'entrypoints', 'lib', 'storage', 'engine', 'components', 'overlays', 'assets', 'public', 'wxt.config.ts', 'package.json'];

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
  const newest = Math.max(...SOURCES.map((s) => newestMtime(join(ROOT, s))));
  if (existsSync(manifest) && statSync(manifest).mtimeMs >= newest) return E2E_EXTENSION;
  const r = spawnSync(NODE, ['--no-warnings', 'scripts/build-e2e.ts'], { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`npm run build:e2e failed (exit ${r.status}):\n${r.stdout}\n${r.stderr}`);
  return E2E_EXTENSION;
}
