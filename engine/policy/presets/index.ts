// The bundled policy presets (domain.md §7), one per document in policies/. Each must pass parsePolicy
// (tested in presets.test.ts).

import type { Policy } from '../schema.ts';
import { DFE_SUPPORT_FIRST } from './dfe-support-first.ts';
import { PDET_TRUST } from './pdet-trust.ts';
import { RUSSELL_STREET } from './russell-street.ts';
import { STOCKPORT_EWS } from './stockport-ews.ts';
import { VALE_MILLBROOK } from './vale-millbrook.ts';

export const PRESETS: Record<string, Policy> = {
  [DFE_SUPPORT_FIRST.id]: DFE_SUPPORT_FIRST,
  [PDET_TRUST.id]: PDET_TRUST,
  [VALE_MILLBROOK.id]: VALE_MILLBROOK,
  [STOCKPORT_EWS.id]: STOCKPORT_EWS,
  [RUSSELL_STREET.id]: RUSSELL_STREET,
};

/** The national support-first framework is the default until a school picks its own policy. */
export const DEFAULT_POLICY_ID = 'dfe-support-first';

/** The preset with this id, or undefined. */
export function presetById(id: string): Policy | undefined {
  return Object.hasOwn(PRESETS, id) ? PRESETS[id] : undefined;
}
