// npm run build:e2e — builds the extension for the end-to-end tests: the local demo
// origins (127.0.0.1, localhost) granted and the content script (mis.js) declared for them, into its own
// folder (.output-e2e/) so it can never be mistaken for the production build. Prints the folder as
// the last line of output.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CONTENT_SCRIPT_FILE, E2E_ORIGINS, TABLE_CONTENT_SCRIPT_FILE } from '../background/extension-manifest.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const wxt = join(root, 'node_modules', '.bin', 'wxt');
const outDir = join(root, '.output-e2e', 'chrome-mv3');

const r = spawnSync(wxt, ['build'], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, ATT_E2E: '1' } });
if (r.status !== 0) {
  console.error(`build:e2e: wxt build failed (exit ${r.status ?? r.signal})`);
  process.exit(1);
}

// Check what was built rather than trusting the config.
const manifestPath = join(outDir, 'manifest.json');
if (!existsSync(manifestPath)) {
  console.error(`build:e2e: expected ${manifestPath} after the build, found nothing`);
  process.exit(1);
}
const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as {
  host_permissions?: string[];
  content_scripts?: { matches?: string[]; js?: string[] }[];
};
const problems: string[] = [];
for (const o of E2E_ORIGINS) {
  if (!manifest.host_permissions?.includes(o)) problems.push(`host_permissions lacks ${o}`);
}
if (!manifest.content_scripts?.some((c) => c.js?.includes(CONTENT_SCRIPT_FILE))) problems.push(`no content script entry for ${CONTENT_SCRIPT_FILE}`);
// mis-table.js (saved table mappings) is registered at run time by the background, never declared.
for (const f of [CONTENT_SCRIPT_FILE, TABLE_CONTENT_SCRIPT_FILE]) if (!existsSync(join(outDir, f))) problems.push(`${f} was not built`);
if (manifest.content_scripts?.some((c) => c.js?.includes(TABLE_CONTENT_SCRIPT_FILE))) problems.push(`${TABLE_CONTENT_SCRIPT_FILE} must not be declared`);
if (problems.length > 0) {
  console.error(`build:e2e: ${manifestPath}: ${problems.join('; ')}`);
  process.exit(1);
}
console.log(outDir);
