// Validates a policy (a preset, an imported JSON file or a stored setting) and explains every problem
// with its field path, e.g. `bands[2].lowerBound: expected a number between 0 and 100`. Zod checks the
// shape; the checks below are the ones a shape cannot express (design.md: validate at every boundary,
// bad input gets a clear error listing what is wrong).

import { PolicySchema, type Band, type Clause, type Policy } from './schema.ts';

export type ParsePolicyResult = { ok: true; policy: Policy } | { ok: false; errors: string[] };

function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`;
    else out += out === '' ? String(p) : `.${String(p)}`;
  }
  return out === '' ? '(policy)' : out;
}

function describeBound(b: Band): string {
  if (b.lowerBound !== undefined) return `${b.inclusive ? '≥' : '>'} ${b.lowerBound}`;
  return `${b.inclusive ? '≤' : '<'} ${b.upperBound}`;
}

/** Checks band bounds: one bound each, ordered best to worst, and no gap or overlap (schema.ts BandSchema). */
function checkBands(bands: Band[], errors: string[]): void {
  const seen = new Map<string, number>();
  bands.forEach((b, i) => {
    const prev = seen.get(b.id);
    if (prev !== undefined) errors.push(`bands[${i}].id: duplicate band id "${b.id}" (also bands[${prev}])`);
    else seen.set(b.id, i);
  });

  let boundsOk = true;
  bands.forEach((b, i) => {
    const hasLower = b.lowerBound !== undefined;
    const hasUpper = b.upperBound !== undefined;
    if (hasLower === hasUpper) {
      boundsOk = false;
      errors.push(
        `bands[${i}]: expected exactly one of lowerBound (pupils at or above it) or upperBound (pupils at or below it), found ${hasLower ? 'both' : 'neither'}`,
      );
    }
  });
  if (!boundsOk) return;

  // Lower-bound bands first (best), then upper-bound bands (worst), each group with falling bounds.
  let seenUpper = false;
  let prevLower: { i: number; v: number } | null = null;
  let prevUpper: { i: number; v: number } | null = null;
  bands.forEach((b, i) => {
    if (b.lowerBound !== undefined) {
      if (seenUpper) {
        errors.push(
          `bands[${i}].lowerBound: a lower-bound band (${describeBound(b)}) cannot follow an upper-bound band: list bands best to worst, "at least" bands first`,
        );
      }
      if (prevLower !== null && !(b.lowerBound < prevLower.v)) {
        errors.push(
          `bands[${i}].lowerBound: ${b.lowerBound} must be below bands[${prevLower.i}].lowerBound ${prevLower.v}: list bands best to worst`,
        );
      }
      prevLower = { i, v: b.lowerBound };
    } else {
      seenUpper = true;
      const v = b.upperBound as number;
      if (prevUpper !== null && !(v < prevUpper.v)) {
        errors.push(`bands[${i}].upperBound: ${v} must be below bands[${prevUpper.i}].upperBound ${prevUpper.v}: list bands best to worst`);
      }
      prevUpper = { i, v };
    }
  });

  // Coverage: the lowest "at least" band and the highest "at most" band must meet exactly.
  const lowers = bands.map((b, i) => ({ b, i })).filter((x) => x.b.lowerBound !== undefined);
  const uppers = bands.map((b, i) => ({ b, i })).filter((x) => x.b.upperBound !== undefined);
  const lowest = lowers.length > 0 ? lowers.reduce((a, x) => ((x.b.lowerBound as number) < (a.b.lowerBound as number) ? x : a)) : null;
  const highest = uppers.length > 0 ? uppers.reduce((a, x) => ((x.b.upperBound as number) > (a.b.upperBound as number) ? x : a)) : null;
  if (lowest !== null && highest !== null) {
    const L = lowest.b.lowerBound as number;
    const U = highest.b.upperBound as number;
    if (L > U || (L === U && !lowest.b.inclusive && !highest.b.inclusive)) {
      errors.push(
        `bands[${lowest.i}].lowerBound: gap between bands[${highest.i}] (${describeBound(highest.b)}) and bands[${lowest.i}] (${describeBound(lowest.b)}): some attendance figures would get no band`,
      );
    } else if (L < U || (L === U && lowest.b.inclusive && highest.b.inclusive)) {
      errors.push(
        `bands[${lowest.i}].lowerBound: overlap between bands[${highest.i}] (${describeBound(highest.b)}) and bands[${lowest.i}] (${describeBound(lowest.b)}): some attendance figures would fit both`,
      );
    }
  } else if (lowest !== null) {
    if (!(lowest.b.lowerBound === 0 && lowest.b.inclusive)) {
      errors.push(
        `bands[${lowest.i}].lowerBound: gap below ${describeBound(lowest.b)}: with no upper-bound band the last band must be "≥ 0" (lowerBound 0, inclusive)`,
      );
    }
  } else if (highest !== null) {
    if (!(highest.b.upperBound === 100 && highest.b.inclusive)) {
      errors.push(
        `bands[${highest.i}].upperBound: gap above ${describeBound(highest.b)}: with no lower-bound band the first band must be "≤ 100" (upperBound 100, inclusive)`,
      );
    }
  }
}

function stageRefs(c: Clause): string | null {
  return c.kind === 'stageRecorded' || c.kind === 'attendanceSinceStage' || c.kind === 'daysSinceStage' ? c.stage : null;
}

/** Checks stages: unique ids, at least one condition, references to earlier known stages only. */
function checkStages(policy: Policy, errors: string[]): void {
  const index = new Map<string, number>();
  policy.stages.forEach((s, i) => {
    const prev = index.get(s.id);
    if (prev !== undefined) errors.push(`stages[${i}].id: duplicate stage id "${s.id}" (also stages[${prev}])`);
    else index.set(s.id, i);
  });
  policy.stages.forEach((s, i) => {
    const all = s.entry.all ?? [];
    const any = s.entry.any ?? [];
    if (all.length === 0 && any.length === 0) {
      errors.push(`stages[${i}].entry: expected at least one condition in "all" or "any"`);
    }
    for (const [group, clauses] of [
      ['entry.all', all],
      ['entry.any', any],
      ['notes', s.notes ?? []],
    ] as const) {
      clauses.forEach((c, j) => {
        const ref = stageRefs(c);
        if (ref === null) return;
        const at = `stages[${i}].${group}[${j}].stage`;
        const k = index.get(ref);
        if (k === undefined) {
          errors.push(`${at}: unknown stage id "${ref}" (known: ${[...index.keys()].join(', ') || 'none'})`);
        } else if (k >= i) {
          // Stages are ordered; a condition on the stage itself or a later one could never come first.
          errors.push(`${at}: refers to "${ref}", which is not an earlier stage than "${s.id}"`);
        } else if (c.kind === 'attendanceSinceStage' && policy.stages[k]?.reviewAfter === null) {
          errors.push(`${at}: "${ref}" has no reviewAfter, so there is no review at which to judge attendance`);
        }
      });
    }
  });
}

/** Validates unknown input as a policy; on failure every error names the field path and the problem. */
export function parsePolicy(input: unknown): ParsePolicyResult {
  const r = PolicySchema.safeParse(input);
  if (!r.success) {
    return { ok: false, errors: r.error.issues.map((iss) => `${formatPath(iss.path)}: ${iss.message}`) };
  }
  const errors: string[] = [];
  checkBands(r.data.bands, errors);
  checkStages(r.data, errors);
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, policy: r.data };
}
