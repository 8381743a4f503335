// Starts the UI on whichever bridge the host provides: Electron's preload sets window.ferry; in a
// browser the daemon is reached over its WebSocket.
import { StrictMode, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import type { FerryBridge } from '../../shared/api.ts';
import { createWsBridge } from './bridge/ws-client.ts';
import { checkSession, loginFromAddress, wsProtocols } from './bridge/session.ts';
import { createFerryStore } from './state/store.ts';
import { StoreContext } from './state/context.tsx';
import { App, type Connection } from './components/App.tsx';
import './styles.css';

declare global {
  interface Window {
    ferry?: FerryBridge;
  }
}

const connectionListeners = new Set<(connection: Connection) => void>();
let connection: Connection = window.ferry ? 'connected' : 'connecting';
const setConnection = (next: Connection): void => {
  connection = next;
  connectionListeners.forEach((l) => l(next));
};

function browserBridge(): FerryBridge {
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
const bridge = window.ferry ?? browserBridge();
const store = createFerryStore({ bridge });
if (!loggedOut) void store.getState().load().catch(() => undefined);

function Root() {
  const [current, setCurrent] = useState(connection);
  useEffect(() => {
    const listener = (next: Connection) => {
      setCurrent(next);
      // Events were missed while away: take the whole list again.
      if (next === 'connected') void store.getState().load().catch(() => undefined);
    };
    connectionListeners.add(listener);
    // It may have changed between the first render and now.
    setCurrent(connection);
    return () => void connectionListeners.delete(listener);
  }, []);
  return (
    <StoreContext.Provider value={store}>
      <App connection={current} />
    </StoreContext.Provider>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Root />
  </StrictMode>,
);
