// MV3 extension pages and service workers forbid `new Function` (CSP). Zod 4 decides at schema
// construction whether to JIT-compile (and probes eval, which a strict CSP reports as a violation),
// so this must run before ANY schema is built: import this module first in every entrypoint
// (background.ts) and in lib/messages.ts.
import { z } from 'zod';

z.config({ jitless: true });

export const zodConfigured = true;
