import { defineConfig } from 'vitest/config';
import { WAIT_MS } from './test/e2e/wait-for.ts';

// End-to-end: the built extension in Debian's Chromium (playwright-core) against the demo MIS.
// `npm run test:e2e` builds it first. No --passWithNoTests: a moved or emptied test/e2e fails the run.
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.ts'],
    environment: 'node',
    testTimeout: 300_000,
    hookTimeout: 300_000,
    fileParallelism: false,
    // expect.poll waits for a condition; its deadline is the fail-safe (vitest's own is 1 s).
    expect: { poll: { timeout: WAIT_MS } },
  },
});
