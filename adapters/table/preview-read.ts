// What a read would store, in one line for the options page's live preview:
// "31 pupils × 10 sessions; 2 codes not mapped: I_F, ?".
import type { PupilPageRead, RegisterPageRead } from '../page-read.ts';
import type { ReadResult } from '../types.ts';
import { isUnmapped } from './map-code.ts';

export interface ReadPreview {
  summary: string;
  /** Local spellings read that map to no statutory code, in first-seen order. */
  unmapped: string[];
}

export function previewRead(result: ReadResult<RegisterPageRead | PupilPageRead>): ReadPreview {
  if (!result.ok) return { summary: result.reason, unmapped: [] };
  const d = result.data;
  const all = d.kind === 'register' ? d.pupils.flatMap((p) => [...p.marks, ...p.pending]) : d.marks;
  const unmapped: string[] = [];
  for (const m of all) if (isUnmapped(m.code) && !unmapped.includes(m.code)) unmapped.push(m.code);
  const n = unmapped.length;
  const tail = n === 0 ? 'every code mapped' : `${n} code${n === 1 ? '' : 's'} not mapped: ${unmapped.join(', ')}`;
  const head =
    d.kind === 'register'
      ? `${d.pupils.length} pupil${d.pupils.length === 1 ? '' : 's'} × ${d.sessions.length} session${d.sessions.length === 1 ? '' : 's'}`
      : `${d.name}: ${d.marks.length} mark${d.marks.length === 1 ? '' : 's'}`;
  return { summary: `${head}; ${tail}`, unmapped };
}
