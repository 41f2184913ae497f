// What to send for a page read, given what the background has already acknowledged for that page
// ("sends only what changed"). Saved marks go into the history; pending (unsaved) edits
// never do (messages/messages.ts registerPupilSchema), so a change in pending edits alone sends nothing —
// it only refreshes the overlays' view of the page.
import type { PageRead, RegisterPageRead } from '../../messages/messages.ts';

/** Acknowledged state for one page (one URL): a hash per pupil for register pages, one for pupil pages. */
export interface SentState {
  /** Hash of the page's header (kind, week, sessions, form) last acknowledged. */
  header: number | null;
  /** pupilId → hash of that pupil's saved part (name + marks) last acknowledged. */
  pupils: Map<string, number>;
}

export interface PayloadDiff {
  /** The payload to send, or null when the background already has everything saved on the page. */
  send: PageRead | null;
  /** Call after the background acknowledged `send`: records it as sent. */
  commit(state: SentState): void;
  /** Hash of the pending edits on the page (changes when the user edits a cell without saving). */
  pendingHash: number;
}

export function emptySentState(): SentState {
  return { header: null, pupils: new Map() };
}

/**
 * A register page's first read is sent whole; later reads carry only the pupils whose saved marks
 * (or name) changed, with the page's sessions, so one Save sends one row. Any change to the header
 * (another week, other sessions) sends the whole page again.
 */
export function payloadDiff(page: PageRead, state: SentState): PayloadDiff {
  if (page.kind === 'pupil') {
    const h = hashString(JSON.stringify([page.pupilId, page.name, page.attributes, page.marks]));
    const unchanged = state.header === h;
    return {
      send: unchanged ? null : page,
      commit: (s) => {
        s.header = h;
      },
      pendingHash: 0,
    };
  }
  const header = hashString(JSON.stringify([page.formId, page.formName, page.weekStart, page.sessions]));
  const wholePage = state.header !== header;
  const hashes = page.pupils.map(
    (p) => [p.pupilId, hashString(JSON.stringify([p.name, p.marks]))] as const,
  );
  const changed: RegisterPageRead['pupils'] = [];
  page.pupils.forEach((p, i) => {
    const h = hashes[i]![1];
    if (wholePage || state.pupils.get(p.pupilId) !== h) changed.push(p);
  });
  const pendingHash = hashString(JSON.stringify(page.pupils.map((p) => [p.pupilId, p.pending])));
  const send = wholePage || changed.length > 0 ? { ...page, pupils: changed } : null;
  return {
    send,
    commit: (s) => {
      if (wholePage) s.pupils.clear();
      s.header = header;
      for (const [id, h] of hashes) s.pupils.set(id, h);
    },
    pendingHash,
  };
}

/** cyrb53: a fast 53-bit string hash (collisions are negligible for one page's few hundred rows). */
export function hashString(str: string): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < str.length; i++) {
    const ch = str.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}
