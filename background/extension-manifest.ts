// What the manifest asks for (design.md: least permissions, no broad host access). Used by wxt.config.ts and
// tested on its own, so the production/e2e difference is pinned by a unit test.
//
// Production: no host_permissions at all. The user grants the MIS origin at run time from the popup
// (optional_host_permissions make that request possible), and the background registers the content
// script for granted origins only (background/content-scripts.ts).
// End-to-end build (ATT_E2E=1, scripts/build-e2e.ts): the local demo origins are granted up front and
// the content script is declared for them in the manifest, so tests need no permission prompt. The
// mapping reader (mis-table.js) is not declared: the background registers it at run time for the
// granted demo origins once a mapping is saved, and the declared mis.js then yields to it.

/** The built content script (entrypoints/mis.ts, an unlisted script: built, registered at run time, not declared). */
export const CONTENT_SCRIPT_FILE = 'mis.js';
/** Id of the run-time registration made by the background. */
export const CONTENT_SCRIPT_ID = 'mis';
/**
 * The content script with the school's saved table mappings (entrypoints/mis-table.ts):
 * the built-in adapters and the mappings. The background registers it instead of mis.js when at least
 * one mapping is saved, so schools without mappings never load the table adapter (mis.js small).
 */
export const TABLE_CONTENT_SCRIPT_FILE = 'mis-table.js';
export const TABLE_CONTENT_SCRIPT_ID = 'mis-table';
/** The demo MIS's origins (any port: a match pattern without a port matches every port). */
export const E2E_ORIGINS = ['http://127.0.0.1/*', 'http://localhost/*'] as const;

export interface ManifestOptions {
  name: string;
  description: string;
  permissions: string[];
  optional_host_permissions: string[];
}

export function manifestOptions(): ManifestOptions {
  return {
    name: 'Attendance overlay',
    description:
      'Band badges, stage suggestions and penalty-notice warnings beside your MIS registers. Everything stays on this device.',
    // storage/unlimitedStorage: a whole school's mark history; scripting: register the
    // content script for granted origins; activeTab: the popup may read the current tab's URL.
    permissions: ['storage', 'unlimitedStorage', 'scripting', 'activeTab'],
    optional_host_permissions: ['http://*/*', 'https://*/*'],
  };
}

interface ContentScriptEntry {
  matches?: string[];
  js?: string[];
  css?: string[];
  run_at?: string;
}

interface ManifestLike {
  host_permissions?: string[];
  content_scripts?: ContentScriptEntry[];
}

/** E2E only: grant the demo origins and declare the content script for them (mutates the manifest). */
export function addE2eAccess(manifest: ManifestLike): void {
  manifest.host_permissions = [...E2E_ORIGINS];
  manifest.content_scripts ??= [];
  manifest.content_scripts.push({ matches: [...E2E_ORIGINS], js: [CONTENT_SCRIPT_FILE], run_at: 'document_idle' });
}

/** The match pattern granted for a page: its scheme and host, any port and path. */
export function originPattern(pageUrl: string): string | null {
  let u: URL;
  try {
    u = new URL(pageUrl);
  } catch {
    return null;
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
  return `${u.protocol}//${u.hostname}/*`;
}
