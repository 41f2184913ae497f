import { defineConfig } from 'vitest/config';

// End-to-end: the built extension in Debian's Chromium (playwright-core) against the demo MIS.
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.ts'],
    environment: 'node',
    testTimeout: 180_000,
    hookTimeout: 180_000,
    fileParallelism: false,
  },
});
