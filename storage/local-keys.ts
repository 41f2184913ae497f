// Keys in browser.storage.local that hold pupil data outside IndexedDB: "remove all data" removes them
// too (the school's MIS mappings and settings there hold no pupil data and are kept).

/** The fill-history crawl's resumable state: the pupil pages still to read (entrypoints/sidepanel/crawl-api.ts). */
export const FILL_HISTORY_STATE_KEY = 'fillHistoryState';
/** Capture's stand-ins: each real pupil id and name → its stand-in (entrypoints/options/mis-tools-api.tsx). */
export const CAPTURE_STAND_INS_KEY = 'captureStandIns';

export const LOCAL_PUPIL_DATA_KEYS: readonly string[] = [FILL_HISTORY_STATE_KEY, CAPTURE_STAND_INS_KEY];
