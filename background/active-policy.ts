// Which policy the background computes with: the user's edited policy when settings
// point at it, else the chosen preset, else the default preset with the reason (never a crash: a
// stored setting that no longer matches anything falls back, design.md "validate at every boundary").
import { DEFAULT_POLICY_ID, presetById } from '../engine/policy/presets/index.ts';
import type { Policy } from '../engine/policy/schema.ts';
import type { Settings } from '../messages/messages.ts';

export interface ActivePolicy {
  policy: Policy;
  /** Set when settings name a policy that cannot be used (the default is used instead). */
  problem?: string;
}

export function activePolicy(settings: Settings): ActivePolicy {
  const custom = settings.customPolicy ?? null;
  if (custom !== null && custom.id === settings.policyId) return { policy: custom };
  const preset = presetById(settings.policyId);
  if (preset !== undefined) return { policy: preset };
  const fallback = presetById(DEFAULT_POLICY_ID) as Policy;
  return {
    policy: fallback,
    problem: `The policy "${settings.policyId}" in settings is neither a preset nor a valid stored custom policy, so "${fallback.name}" is used (see Settings).`,
  };
}
