// The toolbar popup: grants this extension access to the current tab's site (no host
// access in the manifest; the user grants the MIS origin at run time) and starts reading it.
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { readerScriptFile } from '../../background/content-scripts.ts';
import { originPattern } from '../../background/extension-manifest.ts';
import { sendMessage } from '../../messages/send-message.ts';

type State =
  | { kind: 'loading' }
  | { kind: 'unsupported'; reason: string }
  | { kind: 'ready'; tabId: number; host: string; pattern: string; granted: boolean; required: boolean };

export function Popup() {
  const [state, setState] = useState<State>({ kind: 'loading' });
  const [message, setMessage] = useState<string | null>(null);

  const refresh = async () => {
    const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
    const pattern = tab?.url === undefined ? null : originPattern(tab.url);
    if (tab?.id === undefined || tab.url === undefined || pattern === null) {
      setState({ kind: 'unsupported', reason: 'Open your MIS in this tab (an http or https page), then click the extension again.' });
      return;
    }
    const granted = await browser.permissions.contains({ origins: [pattern] });
    // Granted by the manifest itself (the end-to-end build): cannot be withdrawn at run time.
    const required = (browser.runtime.getManifest().host_permissions ?? []).includes(pattern);
    setState({ kind: 'ready', tabId: tab.id, host: new URL(tab.url).hostname, pattern, granted, required });
  };

  useEffect(() => {
    refresh().catch((e: unknown) => setState({ kind: 'unsupported', reason: String(e) }));
  }, []);

  if (state.kind === 'loading') return <main style={styles.main}>Loading…</main>;
  if (state.kind === 'unsupported') {
    return (
      <main style={styles.main}>
        <h1 style={styles.h1}>Attendance overlay</h1>
        <p>{state.reason}</p>
      </main>
    );
  }

  const grant = async () => {
    // The request must come straight from the click (a user gesture), before any other await.
    const ok = await browser.permissions.request({ origins: [state.pattern] });
    if (!ok) {
      setMessage(`Access to ${state.host} was not granted. Nothing is read from this site.`);
      return;
    }
    const reply = await sendMessage({ type: 'sync-content-scripts' });
    if (!reply.ok) {
      setMessage(reply.error);
      return;
    }
    try {
      // Start on the open page now; later pages get the registered script automatically.
      // The script the background registered for this site: mis-table.js while a table mapping is saved.
      const file = await readerScriptFile();
      await browser.scripting.executeScript({ target: { tabId: state.tabId }, files: [`/${file}` as '/mis.js'] });
      setMessage(`Reading attendance on ${state.host}.`);
    } catch {
      setMessage(`Access granted. Reload the page to start reading attendance on ${state.host}.`);
    }
    await refresh();
  };

  // The side panel (Chrome) or sidebar (Firefox) holds the attendance lead's whole-school view.
  // Chrome only opens it in response to a user gesture, which this click is.
  const openPanel = async () => {
    const api = browser as unknown as {
      sidePanel?: { open(o: { windowId: number }): Promise<void> };
      sidebarAction?: { open(): Promise<void> };
    };
    try {
      if (api.sidePanel) {
        const win = await browser.windows.getCurrent();
        if (win.id !== undefined) await api.sidePanel.open({ windowId: win.id });
      } else if (api.sidebarAction) {
        await api.sidebarAction.open();
      }
      window.close();
    } catch (e) {
      setMessage(`Could not open the panel: ${e instanceof Error ? e.message : String(e)}`);
    }
  };

  const revoke = async () => {
    await browser.permissions.remove({ origins: [state.pattern] });
    await sendMessage({ type: 'sync-content-scripts' });
    setMessage(`Stopped reading ${state.host}. Attendance already stored stays on this device.`);
    await refresh();
  };

  return (
    <main style={styles.main}>
      <h1 style={styles.h1}>Attendance overlay</h1>
      <p style={styles.origin}>
        This site: <strong>{state.host}</strong>
      </p>
      {state.granted ? (
        <>
          <p>✓ Reading attendance on this site.</p>
          {!state.required && (
            <button type="button" style={styles.secondary} onClick={() => void revoke()}>
              Stop reading this site
            </button>
          )}
        </>
      ) : (
        <button type="button" style={styles.primary} onClick={() => void grant()}>
          Read attendance on this site
        </button>
      )}
      {message !== null && <p role="status">{message}</p>}
      <p style={styles.links}>
        <button type="button" style={styles.secondary} onClick={() => void openPanel()}>
          Open the whole-school panel
        </button>{' '}
        <button type="button" style={styles.secondary} onClick={() => void browser.runtime.openOptionsPage()}>
          Settings
        </button>
      </p>
      <p style={styles.note}>Everything stays on this device: marks are stored in this browser only.</p>
    </main>
  );
}

const styles = {
  main: { width: '300px', padding: '12px 16px', font: '14px/1.4 system-ui, sans-serif', color: '#1a1a1a' },
  h1: { fontSize: '16px', margin: '0 0 8px' },
  origin: { margin: '0 0 12px' },
  primary: { padding: '8px 12px', background: '#1d4ed8', color: '#fff', border: 0, borderRadius: '4px', cursor: 'pointer', font: 'inherit' },
  secondary: { padding: '6px 10px', background: '#fff', color: '#1a1a1a', border: '1px solid #999', borderRadius: '4px', cursor: 'pointer', font: 'inherit' },
  note: { color: '#555', fontSize: '12px', marginTop: '12px' },
  links: { margin: '12px 0 0' },
} as const;
