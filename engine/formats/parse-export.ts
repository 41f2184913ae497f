// An MIS export (marks CSV or CTF, detected by content) to engine histories.
//
// ExportReader takes the file as chunks of bytes (the report command reads it piece by piece, so a
// file of any size is read in memory that grows with its pupils, not its bytes); parseExport does the
// same for a file already held as a string.

import type { PupilHistory } from '../types.ts';
import { CtfReader } from './ctf.ts';
import { detectFormat, type ImportFormat } from './detect-format.ts';
import type { MarkCollector } from './imported.ts';
import { MarksCsvReader } from './marks-csv.ts';

export type ParseExportResult =
  | { ok: true; format: ImportFormat; histories: PupilHistory[] }
  | { ok: false; errors: string[] };

export type ReadExportResult = { ok: true; format: ImportFormat; collector: MarkCollector } | { ok: false; errors: string[] };

/** How much of the start of a file is looked at to tell its format (the first line of a CSV). */
const DETECT_BYTES = 1 << 20;

/** Reads an export pushed as chunks of bytes; the format is told from its first line. */
export class ExportReader {
  private readonly fileName: string;
  private head: Uint8Array[] = [];
  private headBytes = 0;
  private reader: MarksCsvReader | CtfReader | null = null;
  private format: ImportFormat | null = null;
  private unrecognised = false;

  constructor(fileName: string) {
    this.fileName = fileName;
  }

  /** True once the file is known to be bad: the caller may stop reading. */
  get stopped(): boolean {
    return this.unrecognised || (this.reader?.stopped ?? false);
  }

  push(chunk: Uint8Array): void {
    if (this.stopped || chunk.length === 0) return;
    if (this.reader !== null) {
      this.reader.push(chunk);
      return;
    }
    this.head.push(chunk.slice());
    this.headBytes += chunk.length;
    this.detect(false);
  }

  end(): ReadExportResult {
    if (this.reader === null && !this.unrecognised) this.detect(true);
    if (this.unrecognised) return { ok: false, errors: [this.unrecognisedMessage()] };
    if (this.reader === null) return { ok: false, errors: [`${this.fileName}: the file is empty`] };
    const read = this.reader.end();
    return read.ok ? { ok: true, format: this.format!, collector: read.collector } : read;
  }

  /** Decides the format once the first line is in (or the file has ended), then hands over what was held. */
  private detect(final: boolean): void {
    const bytes = concat(this.head, this.headBytes);
    const text = new TextDecoder().decode(bytes);
    const body = text.replace(/^\uFEFF/, '');
    if (body.trim() === '') {
      if (final) return; // empty: reported by end()
      if (this.headBytes > DETECT_BYTES) this.unrecognised = true;
      return;
    }
    const start = body.trimStart();
    const decided = start.startsWith('<') || /[\r\n]/.test(start);
    if (!final && !decided && this.headBytes <= DETECT_BYTES) return;
    this.format = detectFormat(text);
    if (this.format === null) {
      this.unrecognised = true;
      return;
    }
    this.reader = this.format === 'ctf' ? new CtfReader(this.fileName) : new MarksCsvReader(this.fileName);
    this.head = [];
    this.reader.push(bytes);
  }

  private unrecognisedMessage(): string {
    return `${this.fileName}: line 1: unrecognised format: expected a marks CSV (header pupil_id,date,session,code) or a DfE CTF XML file (<CTfile>)`;
  }
}

function concat(chunks: Uint8Array[], length: number): Uint8Array {
  if (chunks.length === 1) return chunks[0]!;
  const out = new Uint8Array(length);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/** Parses an export's text. `fileName` names the file in every error message. */
export function parseExport(text: string, fileName: string): ParseExportResult {
  const reader = new ExportReader(fileName);
  reader.push(new TextEncoder().encode(text));
  const read = reader.end();
  if (!read.ok) return read;
  return { ok: true, format: read.format, histories: read.collector.histories() };
}
