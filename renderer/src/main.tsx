// Starts the UI on whichever bridge the host provides: Electron's preload sets window.ferry; in a
// browser the daemon is reached over its WebSocket.
import { StrictMode, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { useStore } from 'zustand';
import type { FerryBridge } from '../../shared/api.ts';
import { createWsBridge, type WsBridge } from './bridge/ws-client.ts';
import { checkSession, loginFromAddress, wsProtocols } from './bridge/session.ts';
import { createFerryStore } from './state/store.ts';
import { StoreContext } from './state/context.tsx';
import { App, type Connection } from './components/App.tsx';
import { languageFor, rememberedSetting, rememberSetting, setLanguage, systemLanguages } from './i18n/catalog.ts';
import './styles.css';
import './table.css';
import './window.css';
import './limits.css';

declare global {
  interface Window {
    ferry?: FerryBridge;
  }
}

const connectionListeners = new Set<(connection: Connection) => void>();
let connection: Connection = window.ferry ? 'connected' : 'connecting';
let store: ReturnType<typeof createFerryStore> | null = null;
const setConnection = (next: Connection): void => {
  connection = next;
  // Lost: the list is from before (no speeds, no actions). Back: read again, then live.
  if (next === 'connected' || next === 'disconnected') void store?.getState().linkChanged(next === 'connected').catch(() => undefined);
  connectionListeners.forEach((l) => l(next));
};

function browserBridge(): WsBridge {
  const protocol = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return createWsBridge(`${protocol}//${location.host}/api/ws`, {
    protocols: wsProtocols,
    onConnection: (open) => {
      if (open) setConnection('connected');
      else if (connection !== 'loggedOut') setConnection('disconnected');
    },
    // Lost because the session ended (logout, token deleted): say so and stop knocking.
    shouldReconnect: async () => {
      const state = await checkSession();
      if (state === 'loggedOut') setConnection('loggedOut');
      return state !== 'loggedOut';
    },
  });
}

if (!window.ferry) await loginFromAddress();
const loggedOut = !window.ferry && (await checkSession()) === 'loggedOut';
if (loggedOut) setConnection('loggedOut');
const wsBridge = window.ferry ? null : browserBridge();
const bridge: FerryBridge = window.ferry ?? wsBridge!;
const ferryStore = createFerryStore({ bridge });
store = ferryStore;
if (!loggedOut) void ferryStore.getState().load().catch(() => undefined);

// A fresh login link pasted into this tab changes only the fragment: no reload, so log in here.
window.addEventListener('hashchange', () => {
  if (!wsBridge || !/login=/.test(location.hash)) return;
  void loginFromAddress().then(async () => {
    if ((await checkSession()) !== 'valid') return;
    if (connection === 'loggedOut') setConnection('connecting');
    wsBridge.reconnect();
  });
});
// Closing the page ends an undo window early: what was removed is removed.
window.addEventListener('pagehide', () => void ferryStore.getState().finishRemoval());

function Root() {
  const [current, setCurrent] = useState(connection);
  useEffect(() => {
    const listener = (next: Connection) => setCurrent(next);
    connectionListeners.add(listener);
    // It may have changed between the first render and now.
    setCurrent(connection);
    return () => void connectionListeners.delete(listener);
  }, []);
  // The words switch before anything renders in the new language; the key renders every component
  // again (memoized rows too). Saving Settings closes its dialog anyway, so nothing open is lost.
  const setting = useStore(ferryStore, (s) => s.settings?.language);
  const language = languageFor(setting ?? rememberedSetting(), systemLanguages());
  setLanguage(language);
  useEffect(() => {
    if (setting) rememberSetting(setting);
  }, [setting]);
  return (
    <StoreContext.Provider value={ferryStore}>
      <App key={language} connection={current} />
    </StoreContext.Provider>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Root />
  </StrictMode>,
);
