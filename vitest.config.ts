import { defineConfig } from 'vitest/config';
import preact from '@preact/preset-vite';

// Unit and DOM tests (engine, storage with fake-indexeddb, adapters and components in happy-dom).
// End-to-end tests live in test/e2e and run through vitest.e2e.config.ts after a build.
export default defineConfig({
  plugins: [preact()],
  test: {
    include: ['**/*.test.ts', '**/*.test.tsx'],
    exclude: ['node_modules/**', '.output/**', '.wxt/**', 'test/e2e/**'],
    environment: 'node',
    // Deadlines are a fail-safe for a test that hangs, not a speed check: on a shared, loaded CI machine
    // spawning the report command or generating a school takes many times longer than on a quiet one
    // (vitest's own 5 s default failed there). Speed is measured by the benchmarks, never asserted.
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
