// Where each MIS shows one pupil's attendance page, by adapter id: used by "fill the history" to read
// every pupil page. Only MIS whose pupil pages have a stable address can be filled this
// way; for the others the panel offers the CTF / marks CSV import instead.
const BUILDERS: Record<string, (origin: string, pupilId: string) => string> = {
  // adapters/demo/read-pupil.ts: the demo MIS's student page is /pupils/<id>.
  demo: (origin, pupilId) => `${origin}/pupils/${encodeURIComponent(pupilId)}`,
};

/** The pupil page's URL on `origin` for this adapter, or null when the adapter has no such page. */
export function pupilPageUrl(adapter: string, origin: string, pupilId: string): string | null {
  const build = Object.hasOwn(BUILDERS, adapter) ? BUILDERS[adapter] : undefined;
  return build === undefined ? null : build(origin, pupilId);
}
