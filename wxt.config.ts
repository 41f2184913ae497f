import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';
import { addE2eAccess, manifestOptions } from './background/extension-manifest.ts';

// See ../shared/design.md and background/extension-manifest.ts: the MIS origin is granted at run time, so the
// manifest asks for no host access; the content script is registered for the granted origin only.
// ATT_E2E=1 (npm run build:e2e) builds a separate copy into .output-e2e/ with the local demo origins
// granted and the content script declared for them; the production build never includes them.
const e2e = process.env.ATT_E2E === '1';

export default defineConfig({
  outDir: e2e ? '.output-e2e' : '.output',
  // No auto-imports: every name a file uses is imported where it is used (WXT would otherwise make
  // each top-level export of components/ a global name, test helpers included).
  imports: false,
  // The preset's vite types come from the project's vite, WXT's from its own copy: same plugin at run time.
  // import.meta.env.ATT_E2E (build-env.d.ts): e2e-only code paths, dropped from the production bundles.
  vite: () => ({ plugins: [preact()], define: { 'import.meta.env.ATT_E2E': JSON.stringify(e2e) } }) as never,
  manifest: manifestOptions(),
  hooks: {
    'build:manifestGenerated': (_wxt, manifest) => {
      if (e2e) addE2eAccess(manifest);
    },
  },
});
