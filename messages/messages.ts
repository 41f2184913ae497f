// The messages between the content script / extension pages and the background (design.md: "validate
// at every boundary"). Every request is checked with these zod schemas in the background before it
// touches storage; a bad request gets `{ ok: false, error }` naming the field, and nothing is stored.
//
// Replies are built by the background itself, so they are typed but not validated.
import './zod-config.ts';
import { z } from 'zod';
import { halfSchema as half, isoDateSchema as isoDate, pageReadSchema, pupilIdSchema as pupilId, sourceSchema } from '../adapters/page-read.ts';
import type { Policy } from '../engine/policy/schema.ts';
import type { Half, IsoDate, PupilResult } from '../engine/types.ts';
import { settingsSchema, type Settings } from '../storage/settings-schema.ts';
import type { StoredPupil } from '../storage/stored-pupils.ts';
import type { PupilRow } from './pupil-row.ts';

// The contract's parts defined by the rooms that produce them: an adapter's page read, the stored
// settings and a stored pupil.
export type { MarkRead, PageRead, PupilPageRead, ReadSource, RegisterPageRead, SessionRef } from '../adapters/page-read.ts';
export { customPolicySchema, type Settings } from '../storage/settings-schema.ts';
export type { StoredAmendment, StoredPupil } from '../storage/stored-pupils.ts';

// MV3 extension pages and service workers forbid `new Function` (CSP): zod 4 must not JIT-compile.
// Also set in ./zod-config.ts (imported first) so it holds before schemas in other modules are built.
z.config({ jitless: true });

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
   * One compact row per pupil (messages/pupil-row.ts): what the panel's table, filters and exports read.
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

/** Turn a zod error into one readable line per problem: `page.pupils.3.marks.0.date: expected …`. */
export function describeZodError(error: z.ZodError): string {
  return error.issues
    .map((i) => `${i.path.length > 0 ? i.path.join('.') : '(message)'}: ${i.message}`)
    .join('; ');
}
