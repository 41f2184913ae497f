import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';

// See ../shared/design.md: the MIS origin is granted at run time, so the manifest asks for no host
// access; the content script is registered for the granted origin only.
export default defineConfig({
  outDir: '.output',
  vite: () => ({
    plugins: [preact()],
  }),
  manifest: {
    name: 'Attendance overlay',
    description:
      'Band badges, stage suggestions and penalty-notice warnings beside your MIS registers. Everything stays on this device.',
    permissions: ['storage', 'unlimitedStorage'],
  },
});
