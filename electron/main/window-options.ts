// A BrowserWindow that can do nothing but show Ferry: isolated, sandboxed, no Node, no navigation.
import type { BrowserWindowConstructorOptions, WebContents } from 'electron';
import { CSP } from '../../shared/csp.ts';

export function secureWindowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    width: 1000,
    height: 680,
    minWidth: 560,
    minHeight: 360,
    show: false,
    title: 'Ferry',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
    },
  };
}

/** Denies navigation away from the app and every new window; links open nothing. */
export function lockDownNavigation(contents: Pick<WebContents, 'on' | 'setWindowOpenHandler'>, appPageUrl: string): void {
  contents.on('will-navigate', (event, url) => {
    if (url !== appPageUrl) event.preventDefault();
  });
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

/** Response headers with the app's CSP added (for every page the session loads). */
export function withCsp(headers: Record<string, string[]> | undefined): Record<string, string[]> {
  return { ...headers, 'Content-Security-Policy': [CSP] };
}
