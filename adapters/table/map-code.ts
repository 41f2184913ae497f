// A mark as the MIS shows it → the statutory code (domain.md §2: adapters translate local variants and
// keep the original). Unmapped spellings are kept raw, never guessed: the engine counts them as
// unknown and the preview lists them so the user can map them.
import { codeInfo } from '../../engine/codes.ts';
import type { Half } from '../../engine/types.ts';

export function mapCode(original: string, session: Half, codes: Readonly<Record<string, string>>): string {
  if (original === '') return '';
  const target = Object.hasOwn(codes, original) ? codes[original]! : original;
  if (target === 'present') return session === 'AM' ? '/' : '\\';
  return target;
}

/** True when the code is not one the engine knows (an unmapped local spelling). */
export function isUnmapped(code: string): boolean {
  return code !== '' && codeInfo(code).category === 'unknown';
}
