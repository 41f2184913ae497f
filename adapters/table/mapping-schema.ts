// The mapping format of the configurable table adapter: a school's description of its
// own MIS's register page and pupil page, stored and shared as versioned JSON. Validated with zod at
// every boundary (design.md: stored settings and imported files); the checks zod cannot express
// (regular expressions that compile, code-map targets that are statutory codes) are in
// parse-mapping.ts. Nothing here is code: selectors are CSS, patterns are regular expressions, and
// both are only ever used to read the page (never innerHTML, never eval).
//
// docs/mapping.md documents every field with a complete example.
import '../../engine/policy/schema.ts'; // runs z.config({ jitless: true }) before any schema below (MV3 CSP)
import { z } from 'zod';

z.config({ jitless: true });

import { MAPPING_FORMAT } from './mapping-constants.ts';
export { MAPPING_FORMAT };
export const MAPPING_VERSION = 1;

const KEBAB = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

const Text = z.string({ error: 'expected text' }).trim().min(1, { error: 'expected non-empty text' }).max(500);
const Css = z
  .string({ error: 'expected a CSS selector' })
  .trim()
  .min(1, { error: 'expected a CSS selector, e.g. "table.register"' })
  .max(500);
/** A regular expression (JavaScript syntax, no delimiters); parse-mapping.ts checks it compiles. */
const Pattern = z.string({ error: 'expected a regular expression' }).min(1, { error: 'expected a regular expression' }).max(500);

/**
 * Where one value (a pupil id, a name, a mark token, a date) is on the page, relative to a scope
 * (the page, a table cell or a row):
 * - `selector`: the first element inside the scope that matches (default: the scope itself);
 * - `from`: its text (`text`), an attribute (`attribute`, naming `attribute`), or the link address
 *   (`href`, the attribute as written, not resolved);
 * - `pattern`: a regular expression applied to that string; its first capture group (or the whole
 *   match) is the value. No match means no value.
 */
export const ValueSourceSchema = z
  .strictObject({
    selector: Css.optional(),
    from: z.enum(['text', 'attribute', 'href'], { error: 'expected "text", "attribute" or "href"' }),
    attribute: z.string().trim().min(1).max(100).optional(),
    pattern: Pattern.optional(),
  })
  .refine((v) => v.from !== 'attribute' || v.attribute !== undefined, {
    error: 'from "attribute" needs "attribute" (the attribute name, e.g. "data-id")',
    path: ['attribute'],
  });

/** A value in one cell of a pupil's line in the grid (`cell` counts from 0 along the line). */
export const CellValueSchema = ValueSourceSchema.and(
  z.object({ cell: z.number({ error: 'expected a cell index (0 = the first cell of the line)' }).int().min(0).max(50) }),
);

/**
 * How a date is written. Formats without a year (`d/m`, `d mon`) and bare weekdays (`weekday`: Mon…Fri)
 * are resolved against the week the page shows (`register.week`), so that must be given for them.
 */
export const DateFormatSchema = z.enum(['iso', 'd/m/y', 'd/m', 'd mon y', 'd mon', 'weekday'], {
  error: 'expected one of "iso", "d/m/y", "d/m", "d mon y", "d mon", "weekday"',
});

/** How the page writes the two sessions, e.g. `{ "AM": ["AM", "Morning"], "PM": ["PM", "Afternoon"] }`. */
const HalvesSchema = z.strictObject({
  AM: z.array(Text).min(1).max(10),
  PM: z.array(Text).min(1).max(10),
});
export { DEFAULT_HALVES } from './mapping-constants.ts';

/**
 * Where a mark is in its cell. `sources` are tried in order and the first non-empty value is the
 * mark's `original` (so an icon's class or alt text can come before the cell's text).
 */
export const MarkSchema = z.strictObject({
  sources: z.array(ValueSourceSchema).min(1, { error: 'expected at least one place to read the mark from' }).max(10),
  /** A cell matching this selector shows an unsaved edit (pending, never stored). */
  pendingCell: Css.optional(),
});

/** Where the page says which week it shows (needed for yearless dates and weekday columns). */
export const WeekSchema = z.union([
  z.strictObject({ from: z.literal('page'), value: ValueSourceSchema, format: DateFormatSchema }),
  z.strictObject({ from: z.literal('url'), param: Text, format: DateFormatSchema }),
]);

export const RegisterMappingSchema = z.strictObject({
  /** Regular expression tested against the address's path and query (`/register?form=7B`). */
  url: Pattern,
  table: Css,
  /**
   * `pupils-as-rows`: one row per pupil, sessions across; `pupils-as-columns`: one column per pupil,
   * sessions down (the grid is read transposed).
   */
  orientation: z.enum(['pupils-as-rows', 'pupils-as-columns'], { error: 'expected "pupils-as-rows" or "pupils-as-columns"' }),
  /** Which rows of the table make the grid (default `tr`: all rows, thead and tbody). */
  rows: Css.optional(),
  /** How many lines at the start of the grid are session headers (rows, or columns when transposed). */
  headerLines: z.number().int().min(1).max(5),
  /** How many cells at the start of each pupil line are labels (name, id), not marks. */
  labelCells: z.number().int().min(1).max(10),
  /** Lines at the end of the grid that are not pupils (totals). */
  footerLines: z.number().int().min(0).max(5).optional(),
  pupilId: CellValueSchema,
  name: CellValueSchema,
  /** `surname-first`: "Smith, Amy" is turned round to "Amy Smith" (the order of the exports). */
  nameOrder: z.enum(['as-shown', 'surname-first']).optional(),
  /** The session headers: the text of the header cells of a column, joined with spaces. */
  sessions: z.strictObject({
    date: DateFormatSchema,
    halves: HalvesSchema.optional(),
  }),
  week: WeekSchema.optional(),
  mark: MarkSchema,
  /** The class's id: on the page, or from the address (`{ "from": "url", "pattern": "^/register/([^/?]+)" }`). */
  formId: z.union([ValueSourceSchema, z.strictObject({ from: z.literal('url'), pattern: Pattern })]).optional(),
  formName: ValueSourceSchema.optional(),
});

const AttributeSourcesSchema = z.strictObject({
  upn: ValueSourceSchema.optional(),
  yearGroup: ValueSourceSchema.optional(),
  className: ValueSourceSchema.optional(),
  sex: ValueSourceSchema.optional(),
});

export const PupilMappingSchema = z.strictObject({
  url: Pattern,
  /** The pupil's id: from the page, or from the address (`from: "url"` with a pattern). */
  pupilId: z.union([ValueSourceSchema, z.strictObject({ from: z.literal('url'), pattern: Pattern })]),
  name: ValueSourceSchema,
  nameOrder: z.enum(['as-shown', 'surname-first']).optional(),
  attributes: AttributeSourcesSchema.optional(),
  /** One row per session. */
  rows: Css,
  date: ValueSourceSchema.and(z.object({ format: DateFormatSchema })),
  session: ValueSourceSchema,
  halves: HalvesSchema.optional(),
  mark: MarkSchema,
});

/**
 * The code map: the MIS's local spelling (text, icon class, alt text) → a statutory code, or
 * `present` (`/` in the morning, `\` in the afternoon). Keys are matched exactly (codes are
 * case-sensitive, domain.md §8.11). A spelling that is itself a statutory code needs no entry.
 * An empty spelling is always a blank cell (no mark read).
 */
export const CodeMapSchema = z.record(z.string().min(1).max(64), z.string().min(1).max(16)).refine(
  (m) => Object.keys(m).length <= 500,
  { error: 'at most 500 code map entries' },
);

export const MappingSchema = z.strictObject({
  format: z.literal(MAPPING_FORMAT, { error: `expected "${MAPPING_FORMAT}"` }),
  version: z.literal(MAPPING_VERSION, { error: `expected version ${MAPPING_VERSION} (the only version this extension reads)` }),
  id: z.string().regex(KEBAB, { error: 'expected a kebab-case id (e.g. "kestrel-mis")' }).max(64),
  name: Text,
  /** The page must contain this element (and, if given, the element's text must include `text`). */
  detect: z.strictObject({ selector: Css, text: z.string().max(200).optional() }),
  register: RegisterMappingSchema.optional(),
  pupil: PupilMappingSchema.optional(),
  codes: CodeMapSchema,
});

export type ValueSource = z.infer<typeof ValueSourceSchema>;
export type CellValue = z.infer<typeof CellValueSchema>;
export type DateFormat = z.infer<typeof DateFormatSchema>;
export type MarkMapping = z.infer<typeof MarkSchema>;
export type WeekMapping = z.infer<typeof WeekSchema>;
export type RegisterMapping = z.infer<typeof RegisterMappingSchema>;
export type PupilMapping = z.infer<typeof PupilMappingSchema>;
export type Halves = z.infer<typeof HalvesSchema>;
export type TableMapping = z.infer<typeof MappingSchema>;
