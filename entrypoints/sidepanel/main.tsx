// The side panel page (Chrome side_panel; Firefox sidebar_action — WXT generates both from this
// `sidepanel` entrypoint). Wires the panel component to the background.
import '../../messages/zod-config.ts';
import { render } from 'preact';
import { browser } from 'wxt/browser';
import { overlayCss } from '../../components/overlay/styles.ts';
import { panelCss } from '../../components/panel/panel-css.ts';
import { SidePanel, type PanelApi } from '../../components/panel/side-panel.tsx';
import { sendMessage } from '../../messages/send-message.ts';
import { AUTO_RETENTION_KEY, sendPanelMessage } from '../../messages/panel-messages.ts';
import { downloadText } from '../../components/panel/download-text.ts';
import { crawlApi } from './crawl-api.ts';

/** Polite rate: one pupil page every 1.5 s by default (`?crawlDelayMs=` for tests, at least 100). */
const delay = Math.max(100, Number(new URLSearchParams(location.search).get('crawlDelayMs') ?? 1500) || 1500);

const api: PanelApi = {
  querySummary: () => sendMessage({ type: 'query-summary' }),
  async pupilDetail(pupilId) {
    const [q, s] = await Promise.all([sendMessage({ type: 'query-pupils', pupilIds: [pupilId] }), sendMessage({ type: 'get-stored', pupilIds: [pupilId] })]);
    if (!q.ok) return q;
    if (!s.ok) return s;
    return { ok: true, result: q.pupils[0]?.result ?? null, completeness: q.pupils[0]?.completeness, stored: s.pupils[0] };
  },
  async addCaseEvent(pupilId, event) {
    const r = await sendMessage({ type: 'add-case-event', pupilId, event });
    return r.ok ? { ok: true } : r;
  },
  download: downloadText,
  print: () => window.print(),
  openOptions: () => void browser.runtime.openOptionsPage(),
  crawl: crawlApi(delay),
};

const style = document.createElement('style');
// The overlay's card styles (PupilCard) and the panel's own; both are fixed strings of ours.
style.textContent = overlayCss + panelCss;
document.head.append(style);
/** Automatic retention (Settings): remove pupils not seen for the chosen time before showing anything. */
async function autoRetention(): Promise<string | undefined> {
  const days = (await browser.storage.local.get(AUTO_RETENTION_KEY))[AUTO_RETENTION_KEY];
  if (typeof days !== 'number' || !Number.isInteger(days) || days < 1) return undefined;
  const r = await sendPanelMessage({ type: 'apply-retention', days });
  if (!r.ok) return `Automatic removal of old pupils failed: ${r.error}`;
  return r.pupils > 0 ? `Removed ${r.pupils} pupils not seen for more than ${days} days (Settings → Data retention).` : undefined;
}

const root = document.getElementById('app');
if (root !== null) {
  void autoRetention()
    .catch((e: unknown) => `Automatic removal of old pupils failed: ${String(e)}`)
    .then((notice) => render(<SidePanel api={api} startupNotice={notice} />, root));
}
