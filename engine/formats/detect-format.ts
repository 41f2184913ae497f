// Which import format a file is, judged by its content rather than its name: exports
// are often renamed, and an `.xml` that is really a CSV should get a CSV error, not an XML one.

export type ImportFormat = 'marks-csv' | 'ctf';

/**
 * `ctf` when the first non-blank character (after an optional UTF-8 BOM) opens an XML tag;
 * `marks-csv` when the first line is a header naming the `pupil_id` column; otherwise null.
 */
export function detectFormat(text: string): ImportFormat | null {
  const body = (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text).trimStart();
  if (body.startsWith('<')) return 'ctf';
  const firstLine = body.split(/\r?\n|\r/, 1)[0] ?? '';
  const columns = firstLine.split(',').map((c) => c.trim().replace(/^"(.*)"$/, '$1'));
  if (columns.includes('pupil_id')) return 'marks-csv';
  return null;
}
