// The messages between the content script / extension pages and the background (design.md: "validate
// at every boundary"). Every request is checked with these zod schemas in the background before it
// touches storage; a bad request gets `{ ok: false, error }` naming the field, and nothing is stored.
//
// Replies are built by the background itself, so they are typed but not validated.
import './zod-config.ts';
import { z } from 'zod';
import { isValidIsoDate } from '../engine/dates.ts';
import { parsePolicy } from '../engine/policy/parse-policy.ts';
import { presetById } from '../engine/policy/presets/index.ts';
import type { Policy } from '../engine/policy/schema.ts';
import type { PupilRow } from './pupil-row.ts';
import type {
  CaseEvent,
  Half,
  IsoDate,
  PupilAttributes,
  PupilResult,
  SessionKey,
} from '../engine/types.ts';

// MV3 extension pages and service workers forbid `new Function` (CSP): zod 4 must not JIT-compile.
// Also set in ./zod-config.ts (imported first) so it holds before schemas in other modules are built.
z.config({ jitless: true });

// ---- Building blocks -----------------------------------------------------------------------------

// One check (format and calendar): this runs for every mark of every page read.
const isoDate = z.string().refine(isValidIsoDate, 'expected a real calendar date as YYYY-MM-DD');
const half = z.enum(['AM', 'PM']);
/** The MIS's own pupil id (what it uses in its URLs and pages), not the UPN. */
const pupilId = z.string().min(1).max(64);

/** A session column shown on a register page. */
export const sessionRefSchema = z.object({ date: isoDate, session: half });

/**
 * One mark as read from a page. `code` is the statutory code the adapter translated the cell to
 * (domain.md §2: adapters translate local variants and keep the original); `original` is the text or
 * icon name the MIS showed. Codes the engine does not know are kept raw (domain.md §2: never guessed).
 * - A session the MIS shows with NO saved mark (e.g. a mark that was cleared): send code `-`. It
 *   replaces a stored mark, and the change is recorded as an amendment.
 * - code `''` means "nothing read" and never changes what is stored (like domain.md §8.11); sessions
 *   the MIS cannot have marked yet (after today) are best left out.
 */
export const markReadSchema = z.object({
  date: isoDate,
  session: half,
  code: z.string().max(16),
  original: z.string().max(64),
});

export const pupilAttributesSchema = z.object({
  upn: z.string().max(32).optional(),
  yearGroup: z.string().max(16).optional(),
  className: z.string().max(64).optional(),
  sex: z.string().max(16).optional(),
  sen: z.string().max(16).optional(),
  fsm: z.boolean().optional(),
  pp: z.boolean().optional(),
  socialWorker: z.boolean().optional(),
});

export const registerPupilSchema = z.object({
  pupilId,
  name: z.string().max(200),
  /** SAVED marks only: these go into the history. */
  marks: z.array(markReadSchema).max(2000),
  /** Unsaved edits on screen: never stored (issue 4 §2), only used for "if saved" warnings. */
  pending: z.array(markReadSchema).max(2000),
});

export const registerPageSchema = z.object({
  kind: z.literal('register'),
  formId: z.string().max(64).optional(),
  formName: z.string().max(200).optional(),
  /** Monday of the week shown. */
  weekStart: isoDate,
  /** The session columns shown on the page (teaches the background the school calendar). */
  sessions: z.array(sessionRefSchema).max(2000),
  pupils: z.array(registerPupilSchema).max(5000),
});

export const pupilPageSchema = z.object({
  kind: z.literal('pupil'),
  pupilId,
  name: z.string().max(200),
  attributes: pupilAttributesSchema,
  /** Saved marks shown on the pupil's attendance page. */
  marks: z.array(markReadSchema).max(5000),
});

export const pageReadSchema = z.discriminatedUnion('kind', [registerPageSchema, pupilPageSchema]);

export const sourceSchema = z.object({
  url: z.string().min(1).max(2048),
  /** When the content script read the page (ISO timestamp, e.g. new Date().toISOString()). */
  readAt: z.iso.datetime({ offset: true }),
  /** Adapter id, e.g. 'demo'. */
  adapter: z.string().min(1).max(64),
});

const caseEventSchema = z.object({
  kind: z.enum([
    'stage-started',
    'letter-sent',
    'meeting-held',
    'contract-signed',
    'notice-to-improve',
    'penalty-notice',
    'referral',
    'outcome',
    'note',
  ]),
  date: isoDate,
  stageId: z.string().max(64).optional(),
  parent: z.string().max(200).optional(),
  note: z.string().max(2000).optional(),
  /** Attendance when a stage was started: "not improved since stage X" needs it (engine/types.ts). */
  attendance: z.object({ attended: z.number().int().min(0), possible: z.number().int().min(0) }).optional(),
});

/**
 * A policy the user edited from a preset (issue 6 §4): it must pass parsePolicy (every problem listed
 * with its field path), and its id must not be a preset's, so "which policy is in use" is never
 * ambiguous (the options page suggests `<preset>-custom`).
 */
export const customPolicySchema = z.unknown().transform((v, ctx): Policy => {
  const r = parsePolicy(v);
  if (!r.ok) {
    for (const e of r.errors) ctx.issues.push({ code: 'custom', message: e, input: v });
    return z.NEVER;
  }
  if (presetById(r.policy.id) !== undefined) {
    ctx.issues.push({
      code: 'custom',
      message: `id: "${r.policy.id}" is a preset's id; an edited policy needs its own id (e.g. "${r.policy.id}-custom")`,
      input: v,
    });
    return z.NEVER;
  }
  return r.policy;
});

export const settingsSchema = z.object({
  /** The policy in use: a preset id (engine/policy/presets) or the custom policy's id; default 'dfe-support-first'. */
  policyId: z.string().min(1).max(64),
  /** Fixed as-of date (tests set it to the demo's today); null = today's local date. */
  asOfOverride: isoDate.nullable(),
  /** The user's edited policy (one at most); used when policyId is its id. null removes it. */
  customPolicy: customPolicySchema.nullable().optional(),
});

// ---- Requests ------------------------------------------------------------------------------------

export const ingestPageSchema = z.object({
  type: z.literal('ingest-page'),
  source: sourceSchema,
  page: pageReadSchema,
});

/**
 * Several page reads stored in one transaction, in order (bulk reads and imports). Same rules as
 * `ingest-page`; the reply has no per-pupil results (ask with `query-pupils` / `query-summary`).
 */
export const ingestPagesSchema = z.object({
  type: z.literal('ingest-pages'),
  pages: z.array(z.object({ source: sourceSchema, page: pageReadSchema })).min(1).max(500),
});

export const pendingEditSchema = z.object({
  pupilId,
  date: isoDate,
  session: half,
  code: z.string().max(16),
});

export const queryPupilsSchema = z.object({
  type: z.literal('query-pupils'),
  pupilIds: z.array(pupilId).max(5000),
  /** Unsaved edits on screen: the reply adds each pupil's result as it would be if they were saved. */
  pending: z.array(pendingEditSchema).max(20000).optional(),
});

export const querySummarySchema = z.object({ type: z.literal('query-summary') });

export const getSettingsSchema = z.object({ type: z.literal('get-settings') });

export const setSettingsSchema = z.object({
  type: z.literal('set-settings'),
  settings: settingsSchema.partial(),
});

/** Everything stored for some pupils (tests, export, the pupil view's evidence). */
export const getStoredSchema = z.object({
  type: z.literal('get-stored'),
  pupilIds: z.array(pupilId).max(5000),
});

export const addCaseEventSchema = z.object({
  type: z.literal('add-case-event'),
  pupilId,
  event: caseEventSchema,
});

/** Re-register the content script for every granted origin (the popup sends it after a grant). */
export const syncContentScriptsSchema = z.object({ type: z.literal('sync-content-scripts') });

export const messageSchema = z.discriminatedUnion('type', [
  ingestPageSchema,
  ingestPagesSchema,
  queryPupilsSchema,
  querySummarySchema,
  getSettingsSchema,
  setSettingsSchema,
  getStoredSchema,
  addCaseEventSchema,
  syncContentScriptsSchema,
]);

export type SessionRef = z.infer<typeof sessionRefSchema>;
export type MarkRead = z.infer<typeof markReadSchema>;
export type RegisterPageRead = z.infer<typeof registerPageSchema>;
export type PupilPageRead = z.infer<typeof pupilPageSchema>;
export type PageRead = z.infer<typeof pageReadSchema>;
export type ReadSource = z.infer<typeof sourceSchema>;
export type Settings = z.infer<typeof settingsSchema>;
export type PendingEdit = z.infer<typeof pendingEditSchema>;

export type IngestPageMessage = z.infer<typeof ingestPageSchema>;
export type IngestPagesMessage = z.infer<typeof ingestPagesSchema>;
export type QueryPupilsMessage = z.infer<typeof queryPupilsSchema>;
export type QuerySummaryMessage = z.infer<typeof querySummarySchema>;
export type GetSettingsMessage = z.infer<typeof getSettingsSchema>;
export type SetSettingsMessage = z.infer<typeof setSettingsSchema>;
export type GetStoredMessage = z.infer<typeof getStoredSchema>;
export type AddCaseEventMessage = z.infer<typeof addCaseEventSchema>;
export type SyncContentScriptsMessage = z.infer<typeof syncContentScriptsSchema>;
export type Message = z.infer<typeof messageSchema>;

// ---- Replies -------------------------------------------------------------------------------------

export interface ErrorReply {
  ok: false;
  error: string;
}

export interface IngestReply {
  ok: true;
  /** Saved marks on the page (all of them, changed or not). */
  stored: number;
  /** Session slots whose stored code changed (new or amended). */
  changed: number;
  /** Of those, slots that already held a different saved mark (recorded as amendments). */
  amended: number;
  /** Marks not applied because a newer read of the same session is already stored. */
  stale?: number;
  /** Weekend marks ignored (domain.md §8.5). */
  ignored?: number;
  /** The pupils on the page. */
  pupilIds: string[];
  /** Their results, recomputed after the ingest (with `ifSaved` when the page had pending edits). */
  pupils?: PupilQueryResult[];
  asOf?: IsoDate;
  policyId?: string;
  /** Set when the marks were stored but the results could not be computed. */
  computeError?: string;
}

/** How much of a pupil's year the extension has seen (so the UI can say "based on N weeks read"). */
export interface Completeness {
  /** First and last session with a stored mark this academic year (`YYYY-MM-DD AM`), or null. */
  firstStored: { date: IsoDate; session: Half } | null;
  lastStored: { date: IsoDate; session: Half } | null;
  /** School sessions (learned from all pages read) up to the as-of date this academic year. */
  schoolSessions: number;
  /** Of those, sessions with no stored mark for this pupil (not read yet, or blank in the MIS). */
  schoolSessionsWithoutMark: number;
}

export interface PupilQueryResult {
  pupilId: string;
  /** Null when nothing is stored for this pupil. */
  result: PupilResult | null;
  /** Present when pending edits for this pupil were given: the result if they were saved. */
  ifSaved?: PupilResult;
  completeness: Completeness;
}

export interface QueryPupilsReply {
  ok: true;
  asOf: IsoDate;
  policyId: string;
  pupils: PupilQueryResult[];
}

export interface BandCount {
  id: string | null;
  label: string | null;
  colour: string | null;
  count: number;
}

export interface SummaryCounts {
  pupils: number;
  /** One entry per band of the policy (in the policy's order), plus `id: null` for unbanded. */
  bands: BandCount[];
  persistent: number;
  severe: number;
  epnMet: number;
  epnProvisional: number;
  /** Not met, but 2 or fewer sessions from the threshold. */
  epnWithin2: number;
  attendanceReturnsDue: number;
  sicknessReturnsDue: number;
  /** Suggested stage id → number of pupils. */
  stageSuggestions: Record<string, number>;
  /** Pupils with at least one data-quality finding, and the findings by kind. */
  pupilsWithDataProblems: number;
  dataProblems: Record<string, number>;
}

export interface QuerySummaryReply {
  ok: true;
  asOf: IsoDate;
  policyId: string;
  /** The policy in use (a preset or the user's edited policy): band and stage labels for the panel. */
  policy: Policy;
  /** Why the policy in settings could not be used (the default preset was used instead). */
  policyProblem?: string;
  counts: SummaryCounts;
  /** School sessions learned so far this year, up to the as-of date. */
  schoolSessions: number;
  /**
   * One compact row per pupil (lib/pupil-row.ts): what the panel's table, filters and exports read.
   * The full result (evidence) comes from `query-pupils` when a pupil's view opens.
   */
  pupils: PupilRow[];
}

export interface SettingsReply {
  ok: true;
  settings: Settings;
  /**
   * Set when the STORED custom policy fails validation (e.g. written by another version): it is left
   * untouched in storage (nothing lost), not used (the preset or the default is), and returned raw in
   * `storedCustomPolicy` so the options page can show it for fixing.
   */
  customPolicyProblem?: string;
  storedCustomPolicy?: unknown;
}

export interface StoredAmendment {
  pupilId: string;
  date: IsoDate;
  session: Half;
  key: SessionKey;
  oldCode: string;
  newCode: string;
  /** readAt of the read that saw the new code. */
  at: string;
  url: string;
}

export interface StoredPupil {
  pupilId: string;
  name: string;
  attributes: PupilAttributes;
  /** Every stored mark, in session order (codes as stored: statutory or raw unknown). */
  marks: { date: IsoDate; session: Half; code: string; original: string }[];
  amendments: StoredAmendment[];
  caseHistory: CaseEvent[];
}

export interface GetStoredReply {
  ok: true;
  pupils: StoredPupil[];
}

export interface OkReply {
  ok: true;
}

/** The reply type for each request type. */
export interface ReplyMap {
  'ingest-page': IngestReply;
  'ingest-pages': IngestReply;
  'query-pupils': QueryPupilsReply;
  'query-summary': QuerySummaryReply;
  'get-settings': SettingsReply;
  'set-settings': SettingsReply;
  'get-stored': GetStoredReply;
  'add-case-event': OkReply;
  'sync-content-scripts': OkReply & { origins: string[] };
}

export type ReplyFor<M extends Message> = ReplyMap[M['type']] | ErrorReply;

// Sending lives in ./send-message.ts (zod-free, for the content script); re-exported for callers here.
export { sendMessage } from './send-message.ts';

/** Turn a zod error into one readable line per problem: `page.pupils.3.marks.0.date: expected …`. */
export function describeZodError(error: z.ZodError): string {
  return error.issues
    .map((i) => `${i.path.length > 0 ? i.path.join('.') : '(message)'}: ${i.message}`)
    .join('; ');
}
