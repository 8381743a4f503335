// Starts the UI on whichever bridge the host provides: Electron's preload sets window.ferry; in a
// browser the daemon is reached over its WebSocket.
import { StrictMode, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import type { FerryBridge } from '../../shared/api.ts';
import { createWsBridge } from './bridge/ws-client.ts';
import { createFerryStore } from './state/store.ts';
import { StoreContext } from './state/context.tsx';
import { App } from './components/App.tsx';
import './styles.css';

declare global {
  interface Window {
    ferry?: FerryBridge;
  }
}

function browserBridge(onConnection: (open: boolean) => void): FerryBridge {
  const params = new URLSearchParams(location.search);
  const token = params.get('token');
  // The daemon has set a cookie from the token; keep the token off the screen from now on.
  if (token) history.replaceState(null, '', location.pathname);
  const protocol = location.protocol === 'https:' ? 'wss:' : 'ws:';
  const query = token ? `?token=${encodeURIComponent(token)}` : '';
  return createWsBridge(`${protocol}//${location.host}/api/ws${query}`, onConnection);
}

const connectionListeners = new Set<(open: boolean) => void>();
let connected = Boolean(window.ferry);
const bridge = window.ferry ?? browserBridge((open) => {
  connected = open;
  connectionListeners.forEach((l) => l(open));
});
const store = createFerryStore({ bridge });
void store.getState().load();

function Root() {
  const [isConnected, setConnected] = useState(connected);
  useEffect(() => {
    const listener = (open: boolean) => {
      setConnected(open);
      // Events were missed while away: take the whole list again.
      if (open) void store.getState().load();
    };
    connectionListeners.add(listener);
    return () => void connectionListeners.delete(listener);
  }, []);
  return (
    <StoreContext.Provider value={store}>
      <App connected={isConnected} />
    </StoreContext.Provider>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Root />
  </StrictMode>,
);
