// The requests the options page sends to the MIS tab's content script, with
// browser.tabs.sendMessage: pick the register table, re-read the page through a draft mapping, and
// capture an anonymised copy. Types only — nothing here is bundled — so the content script stays
// free of zod: the options page validates a mapping (parse-mapping.ts) before it is saved, and the
// tab only ever reads the page with what it is sent.
import type { PickRegisterResult } from '../adapters/capture/pick-register.ts';
import type { TableMapping } from '../adapters/table/mapping-schema.ts';
import type { ReadPreview } from '../adapters/table/preview-read.ts';
import type { KnownPupil } from '../adapters/capture/anonymise.ts';
import type { Capture } from '../adapters/capture/capture-page.ts';
import type { StandInMap } from '../adapters/capture/stand-ins.ts';

export type MappingRequest =
  | { type: 'mapping:pick-register'; name?: string }
  | { type: 'mapping:cancel-pick' }
  | { type: 'mapping:preview'; mapping: TableMapping }
  | {
      type: 'mapping:capture';
      /** Pupils the extension already knows (names and ids read from registers): replaced wherever they appear. */
      pupils: KnownPupil[];
      /** The stand-ins used so far: the same pupil gets the same stand-in on every page. */
      standIns: StandInMap;
      /** YYYY-MM-DD, written in the fixture's note. */
      capturedOn: string;
    };

export type MappingError = { ok: false; error: string };

export interface MappingReplies {
  'mapping:pick-register': PickRegisterResult;
  'mapping:cancel-pick': { ok: true };
  'mapping:preview': { ok: true; preview: ReadPreview } | MappingError;
  'mapping:capture': { ok: true; capture: Capture; standIns: StandInMap; misName: string; url: string } | MappingError;
}

export const MAPPING_REQUEST_TYPES: ReadonlySet<string> = new Set(['mapping:pick-register', 'mapping:cancel-pick', 'mapping:preview', 'mapping:capture']);
