// The stored settings' shape (design.md: stored settings are a boundary): checked when they are set
// (the `set-settings` message, messages/messages.ts) and each time they are loaded (./settings.ts).
import { z } from 'zod';
import { isoDateSchema as isoDate } from '../adapters/page-read.ts';
import { parsePolicy } from '../engine/policy/parse-policy.ts';
import { presetById } from '../engine/policy/presets/index.ts';
import type { Policy } from '../engine/policy/schema.ts';

/**
 * A policy the user edited from a preset: it must pass parsePolicy (every problem listed
 * with its field path), and its id must not be a preset's, so "which policy is in use" is never
 * ambiguous (the options page suggests `<preset>-custom`).
 */
export const customPolicySchema = z.unknown().transform((v, ctx): Policy => {
  const r = parsePolicy(v);
  if (!r.ok) {
    for (const e of r.errors) ctx.issues.push({ code: 'custom', message: e, input: v });
    return z.NEVER;
  }
  if (presetById(r.policy.id) !== undefined) {
    ctx.issues.push({
      code: 'custom',
      message: `id: "${r.policy.id}" is a preset's id; an edited policy needs its own id (e.g. "${r.policy.id}-custom")`,
      input: v,
    });
    return z.NEVER;
  }
  return r.policy;
});

export const settingsSchema = z.object({
  /** The policy in use: a preset id (engine/policy/presets) or the custom policy's id; default 'dfe-support-first'. */
  policyId: z.string().min(1).max(64),
  /** Fixed as-of date (tests set it to the demo's today); null = today's local date. */
  asOfOverride: isoDate.nullable(),
  /** The user's edited policy (one at most); used when policyId is its id. null removes it. */
  customPolicy: customPolicySchema.nullable().optional(),
});

export type Settings = z.infer<typeof settingsSchema>;
