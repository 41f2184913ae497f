// The demo MIS's mark spellings → statutory codes (domain.md §2: adapters translate local variants and
// keep the original). Beacon MIS shows `/` (AM) and `\` (PM) for present, `-` for a school session
// with no mark, a blank cell for a session the school did not hold (or has not reached), and every
// other code as a whole token (`C2`, `Y4`, `J1`, `#`).

export interface MappedMark {
  /** Statutory code; the raw token when the engine may not know it (never guessed, domain.md §2). */
  code: string;
  /** Exactly what the cell showed (trimmed). */
  original: string;
}

/** One token of 1–4 characters: letters, digits, `#`, `/`, `\`, `-`. Anything else is not a mark. */
const TOKEN = /^[A-Za-z0-9#/\\-]{1,4}$/;

/**
 * Maps a cell's text. Returns null when the text cannot be a mark (several words, symbols, very long):
 * the caller reports the page as unreadable rather than storing a guess. Codes are case-sensitive
 * (domain.md §8.11), so an unexpected `i` stays `i` and is flagged by the engine as unknown.
 */
export function codeMap(text: string): MappedMark | null {
  const original = text.trim();
  if (original === '') return { code: '', original };
  if (!TOKEN.test(original)) return null;
  // `-` stays `-` (no mark recorded, domain.md §2): it replaces a stored mark that was cleared.
  return { code: original, original };
}
