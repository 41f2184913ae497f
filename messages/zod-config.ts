// MV3 extension pages and service workers forbid `new Function` (CSP). Zod 4 decides at schema
// construction whether to JIT-compile (and probes eval, which a strict CSP reports as a violation),
// so this must run before ANY schema is built (the engine's policy schema, storage's backup shapes, the
// messages): every extension entrypoint that loads zod imports this module first, and so do
// messages.ts and panel-messages.ts.
import { z } from 'zod';

z.config({ jitless: true });

export const zodConfigured = true;
