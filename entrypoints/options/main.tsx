// The options page: wires the settings component to the background and the permissions API.
import '../../messages/zod-config.ts';
import { render } from 'preact';
import { browser } from 'wxt/browser';
import { downloadText } from '../../components/panel/download-text.ts';
import { OptionsPage, type OptionsApi } from '../../components/options/options-page.tsx';
import { panelCss } from '../../components/panel/panel-css.ts';
import { sendMessage } from '../../messages/send-message.ts';
import { AUTO_RETENTION_KEY, sendPanelMessage } from '../../messages/panel-messages.ts';
import { renderMisTools } from './mis-tools-api.tsx';

const api: OptionsApi = {
  getSettings: () => sendMessage({ type: 'get-settings' }),
  setPolicy: (policyId) => sendMessage({ type: 'set-settings', settings: { policyId } }),
  previewPolicy: (policyId) => sendPanelMessage({ type: 'preview-policy', policyId }),
  previewCustomPolicy: (policy) => sendPanelMessage({ type: 'preview-policy', policyId: policy.id, policy }),
  saveCustomPolicy: (policy) => sendMessage({ type: 'set-settings', settings: { customPolicy: policy, policyId: policy.id } }),
  async listOrigins() {
    const all = await browser.permissions.getAll();
    return (all.origins ?? []).filter((o) => o.startsWith('http'));
  },
  async grantOrigin(pattern) {
    const ok = await browser.permissions.request({ origins: [pattern] });
    // Register the content script for the new origin (background/content-scripts.ts).
    if (ok) await sendMessage({ type: 'sync-content-scripts' });
    return ok;
  },
  async removeOrigin(pattern) {
    const ok = await browser.permissions.remove({ origins: [pattern] });
    await sendMessage({ type: 'sync-content-scripts' });
    return ok;
  },
  exportBackup: () => sendPanelMessage({ type: 'export-backup' }),
  restoreBackup: (backup) => sendPanelMessage({ type: 'restore-backup', backup }),
  removeAll: () => sendPanelMessage({ type: 'remove-all-data', confirm: 'REMOVE' }),
  retention: (days, dryRun) => sendPanelMessage({ type: 'apply-retention', days, dryRun }),
  importFile: (fileName, text, commit) => sendPanelMessage({ type: 'import-export', fileName, text, commit }),
  getAutoRetention: async () => {
    const v = (await browser.storage.local.get(AUTO_RETENTION_KEY))[AUTO_RETENTION_KEY];
    return typeof v === 'number' && Number.isInteger(v) && v >= 1 ? v : null;
  },
  setAutoRetention: async (days) => {
    if (days === null) await browser.storage.local.remove(AUTO_RETENTION_KEY);
    else await browser.storage.local.set({ [AUTO_RETENTION_KEY]: days });
  },
  download: downloadText,
  confirm: (q) => window.confirm(q),
};

const style = document.createElement('style');
style.textContent = panelCss;
document.head.append(style);
const root = document.getElementById('app');
if (root !== null) render(<OptionsPage api={api} />, root);
renderMisTools(document); // "Read another MIS" and "Capture an anonymised page"
