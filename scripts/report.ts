// The report command: the engine on an MIS export, for attendance leads and testing.
//
//   npm run --silent report -- --input FILE --policy ID_OR_JSON_PATH --as-of YYYY-MM-DD
//                              [--format json|csv] [--flagged-only] [--no-bom]
//
// Input format is detected by content (marks CSV or DfE CTF XML). The JSON on stdout is a stable
// contract (engine/report-json.ts). CSV output is RFC 4180, formula-injection safe, with a UTF-8 BOM
// so Excel reads accented names (--no-bom leaves it out).
//
// --flagged-only keeps the pupils with something to act on (isFlagged in engine/report-json.ts):
// persistent or severe absence, EPN threshold met or within 2 sessions of it, an attendance or
// sickness return, a suggested stage, missing marks or unknown codes. schoolSessions and
// schoolWeeks still describe the whole school.
//
// Exit codes: 0 success; 1 bad input (file missing, empty or malformed, bad row, unknown policy,
// invalid policy file); 2 bad usage (missing or unknown option, bad --as-of or --format). On any
// error nothing is written to stdout, and stderr names the file, line or element and what is wrong.

import { closeSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { computeSchool } from '../engine/compute-school.ts';
import { isValidIsoDate } from '../engine/dates.ts';
import { ExportReader } from '../engine/formats/parse-export.ts';
import { parsePolicy } from '../engine/policy/parse-policy.ts';
import { PRESETS, presetById } from '../engine/policy/presets/index.ts';
import type { Policy } from '../engine/policy/schema.ts';
import type { PupilHistory } from '../engine/types.ts';
import { reportCsv, reportJson } from '../engine/report-json.ts';

const USAGE =
  'usage: npm run --silent report -- --input FILE --policy ID_OR_JSON_PATH --as-of YYYY-MM-DD [--format json|csv] [--flagged-only] [--no-bom]';

class CliError extends Error {
  exitCode: 1 | 2;
  constructor(exitCode: 1 | 2, message: string) {
    super(message);
    this.exitCode = exitCode;
  }
}
const usage = (message: string) => new CliError(2, `${message}\n${USAGE}`);
const bad = (message: string) => new CliError(1, message);

/** Reads a text file, turning file-system errors into messages that name the file. */
function readText(path: string, what: string): string {
  try {
    if (statSync(path).isDirectory()) throw bad(`${path}: is a directory, expected a ${what}`);
    return readFileSync(path, 'utf8');
  } catch (e) {
    if (e instanceof CliError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw bad(`${path}: no such file (${what})`);
    throw bad(`${path}: cannot read the ${what}: ${(e as Error).message}`);
  }
}

/** Bytes read at a time: the file is read as a stream, so its size does not decide the memory used. */
const CHUNK_BYTES = 1 << 20;

/**
 * Reads an export (marks CSV or CTF) piece by piece into engine histories. Memory grows with the
 * pupils and the sessions they cover, not with the file (engine/formats/imported.ts).
 */
function readExport(path: string): PupilHistory[] {
  const what = 'marks CSV or CTF file';
  const reader = new ExportReader(path);
  let fd: number | undefined;
  try {
    if (statSync(path).isDirectory()) throw bad(`${path}: is a directory, expected a ${what}`);
    fd = openSync(path, 'r');
    const buffer = Buffer.allocUnsafe(CHUNK_BYTES);
    for (;;) {
      const n = readSync(fd, buffer, 0, CHUNK_BYTES, null);
      if (n === 0) break;
      reader.push(buffer.subarray(0, n));
      if (reader.stopped) break;
    }
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (e instanceof CliError || typeof code !== 'string') throw e;
    if (code === 'ENOENT') throw bad(`${path}: no such file (${what})`);
    throw bad(`${path}: cannot read the ${what}: ${(e as Error).message}`);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
  const read = reader.end();
  if (!read.ok) throw bad(read.errors.join('\n'));
  return read.collector.histories();
}

/** A preset id, or a path to a JSON policy validated by parsePolicy (every wrong field reported). */
function resolvePolicy(arg: string): { id: string; policy: Policy } {
  const preset = presetById(arg);
  if (preset) return { id: preset.id, policy: preset };
  const looksLikePath = arg.endsWith('.json') || arg.includes('/') || arg.includes('\\');
  let isFile = false;
  try {
    isFile = statSync(arg).isFile();
  } catch {
    isFile = false;
  }
  if (!looksLikePath && !isFile) {
    throw bad(`unknown policy ${JSON.stringify(arg)}: not a preset id (${Object.keys(PRESETS).join(', ')}) and not a policy file`);
  }
  const text = readText(arg, 'policy file');
  if (text.trim() === '') throw bad(`${arg}: the policy file is empty`);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw bad(`${arg}: not valid JSON: ${(e as Error).message}`);
  }
  const parsed = parsePolicy(json);
  if (!parsed.ok) throw bad(`${arg}: invalid policy:\n${parsed.errors.map((m) => `  ${m}`).join('\n')}`);
  return { id: parsed.policy.id, policy: parsed.policy };
}

/** Runs the command; returns what to print. Throws CliError for expected failures. */
export function runReport(argv: string[]): string {
  let values: {
    input?: string;
    policy?: string;
    'as-of'?: string;
    format?: string;
    'flagged-only'?: boolean;
    'no-bom'?: boolean;
    help?: boolean;
  };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        input: { type: 'string' },
        policy: { type: 'string' },
        'as-of': { type: 'string' },
        format: { type: 'string' },
        'flagged-only': { type: 'boolean' },
        'no-bom': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (e) {
    throw usage((e as Error).message);
  }
  if (values.help) return `${USAGE}\n`;
  const missing = (['input', 'policy', 'as-of'] as const).filter((k) => !values[k]);
  if (missing.length > 0) throw usage(`missing ${missing.map((k) => `--${k}`).join(', ')}`);
  const asOf = values['as-of']!;
  if (!isValidIsoDate(asOf)) throw usage(`--as-of ${JSON.stringify(asOf)} is not a real date as YYYY-MM-DD`);
  const format = values.format ?? 'json';
  if (format !== 'json' && format !== 'csv') throw usage(`--format ${JSON.stringify(format)}: expected json or csv`);

  const { id, policy } = resolvePolicy(values.policy!);
  const histories = readExport(values.input!);
  const school = computeSchool(histories, policy, asOf);
  const report = reportJson(asOf, id, school, { flaggedOnly: values['flagged-only'] === true });
  return format === 'csv' ? reportCsv(report, { bom: values['no-bom'] !== true }) : `${JSON.stringify(report, null, 2)}\n`;
}

// Run only when executed directly, so runReport stays importable.
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    const out = runReport(process.argv.slice(2));
    process.stdout.write(out);
  } catch (e) {
    if (e instanceof CliError) {
      process.stderr.write(`report: ${e.message}\n`);
      process.exitCode = e.exitCode;
    } else {
      process.stderr.write(`report: internal error: ${(e as Error).stack ?? String(e)}\n`);
      process.exitCode = 1;
    }
  }
}
