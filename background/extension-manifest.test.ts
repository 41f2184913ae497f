import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { addE2eAccess, CONTENT_SCRIPT_FILE, E2E_ORIGINS, manifestOptions, originPattern } from './extension-manifest.ts';

describe('manifest', () => {
  it('production asks for no host access, only optional origins granted at run time', () => {
    const m = manifestOptions() as unknown as Record<string, unknown>;
    expect(m.host_permissions).toBeUndefined();
    expect(m.content_scripts).toBeUndefined();
    expect(m.optional_host_permissions).toEqual(['http://*/*', 'https://*/*']);
    expect(m.permissions).toEqual(['storage', 'unlimitedStorage', 'scripting', 'activeTab']);
  });

  it('the e2e build grants exactly the demo origins and declares the content script for them', () => {
    const m: { host_permissions?: string[]; content_scripts?: { matches?: string[]; js?: string[] }[] } = { content_scripts: [] };
    addE2eAccess(m);
    expect(m.host_permissions).toEqual(['http://127.0.0.1/*', 'http://localhost/*']);
    expect(m.content_scripts).toEqual([{ matches: [...E2E_ORIGINS], js: [CONTENT_SCRIPT_FILE], run_at: 'document_idle' }]);
  });

  // When a production build is present (npm run build), check what was actually built.
  const built = join(import.meta.dirname, '..', '.output', 'chrome-mv3', 'manifest.json');
  it.skipIf(!existsSync(built))('the built production manifest has no host permissions and no demo origin', () => {
    const text = readFileSync(built, 'utf8');
    const m = JSON.parse(text) as Record<string, unknown>;
    expect(m.host_permissions).toBeUndefined();
    expect(text).not.toContain('127.0.0.1');
    expect(text).not.toContain('localhost');
  });

  // The e2e build's test hooks (the background's handler on the worker's global, the last export kept on
  // the page, the worker's line for each page it receives) are compiled out of the production build:
  // nothing but the extension's pages reaches the handler.
  it.skipIf(!existsSync(built))('the built production scripts carry no test hooks', () => {
    const dir = join(built, '..');
    const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.js'));
    expect(files).toContain('background.js');
    for (const f of files) {
      const js = readFileSync(join(dir, f), 'utf8');
      expect(js, f).not.toContain('attendanceHandle');
      expect(js, f).not.toContain('attendanceLastExport');
      expect(js, f).not.toContain('ingest-received');
    }
  });
});

describe('originPattern', () => {
  it('grants the scheme and host, any port', () => {
    expect(originPattern('http://127.0.0.1:5173/register/7B?week=2025-09-01')).toBe('http://127.0.0.1/*');
    expect(originPattern('https://mis.example-school.sch.uk/pupils/1042')).toBe('https://mis.example-school.sch.uk/*');
    expect(originPattern('chrome://extensions')).toBeNull();
    expect(originPattern('not a url')).toBeNull();
  });
});
