// Waiting in end-to-end tests: for a condition, never for a fixed time. The deadline is the fail-safe
// for a condition that will never hold, not the expected wait: CI machines are shared and slow, so it is
// generous (a minute), and a test that passes only within a tight deadline is a broken test.

/** The default deadline of every wait in the end-to-end tests (also vitest.e2e.config.ts's expect.poll). */
export const WAIT_MS = 60_000;

/** How often a condition is looked at again (not a wait for anything: the condition decides). */
const POLL_MS = 25;

/**
 * Resolves with `f()`'s first truthy value, looking again every few milliseconds. After `timeoutMs`
 * it fails, naming `what` and adding `detail()` (e.g. the last lines a reader logged).
 */
export async function waitFor<T>(
  what: string,
  f: () => T | undefined | null | false | Promise<T | undefined | null | false>,
  opts: { timeoutMs?: number; detail?: () => string } = {},
): Promise<T> {
  const end = Date.now() + (opts.timeoutMs ?? WAIT_MS);
  for (;;) {
    const v = await f();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}${opts.detail ? `; ${opts.detail()}` : ''}`);
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
}
