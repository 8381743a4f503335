// A stand-in for the desktop app's bridge (window.ferry), installed before the page's scripts run:
// the renderer then shows `count` made-up transfers, `live` of them updated ten times a second as
// the engine would. For what a real engine cannot hold (the daemon keeps 200 unfinished
// transfers): 10,000 rows scrolling in the table.
import type { Page } from 'playwright';

export async function installFakeBridge(page: Page, count: number, live: number): Promise<void> {
  await page.addInitScript(
    ({ count, live }) => {
      const states = ['completed', 'completed', 'queued', 'paused', 'failed', 'canceled'];
      const at = new Date(Date.UTC(2026, 11, 1, 12)).toISOString();
      const transfers = Array.from({ length: count }, (_, i) => ({
        id: `fake-${String(i).padStart(5, '0')}`, kind: i % 17 === 0 ? 'upload' : 'download', url: `https://example.org/files/file-${i}.${['iso', 'mkv', 'zip', 'pdf', 'mp3'][i % 5]}`,
        path: null, state: i < live ? 'running' : states[i % states.length], bytesTransferred: (i * 7919) % 1_000_000, totalBytes: 1_000_000, speed: i < live ? 50_000 : 0,
        eta: i < live ? 20 : null, group: null, category: ['programs', 'video', 'compressed', 'documents', 'audio'][i % 5], priority: 'default', costPolicy: 'default', error: null, retries: [], history: [], createdAt: at, seq: i, completedAt: null,
        headerNames: [], hasCredentials: false, retryAt: null, upload: null, response: null, limitBytesPerSec: null, startAt: null, segments: null, checksum: null, mirrors: [], mirrorInUse: null,
      }));
      const listeners = new Map<string, Set<(payload: unknown) => void>>();
      const resolve = <T,>(value: T) => Promise.resolve(value);
      setInterval(() => {
        const changed = transfers.slice(0, live).map((t) => ({ ...t, bytesTransferred: (t.bytesTransferred + 5000) % 1_000_000 }));
        changed.forEach((t, i) => (transfers[i] = t));
        listeners.get('transfersChanged')?.forEach((l) => l(changed));
      }, 100);
      (window as unknown as { openedWhileDownloading: string[] }).openedWhileDownloading = [];
      (window as unknown as { ferry: unknown }).ferry = {
        listTransfers: () => resolve(transfers),
        getSettings: () => resolve({ theme: 'light', density: 'comfortable', downloadDir: '/tmp', maxConcurrent: live }),
        getHostInfo: () => resolve({ kind: 'electron', owner: 'desktop', version: 'test', canOpenFiles: true, fileLinks: false, folderDialog: true, streams: 'app' }),
        // What the window asked the app to open while it downloads (the app opens the system's browser).
        openWhileDownloading: (id: string) => resolve(void (window as unknown as { openedWhileDownloading: string[] }).openedWhileDownloading.push(id)),
        getConditions: () => resolve({ online: true, cost: 'unrestricted', onBattery: false, batteryPercent: null, batterySaver: false, suspended: false, source: 'test' }),
        getThroughput: () => resolve([]),
        getLimits: () => resolve({ source: 'normal', rules: [], downloadBytesPerSec: 0, uploadBytesPerSec: 0, binding: [] }),
        on: (event: string, listener: (payload: unknown) => void) => {
          if (!listeners.has(event)) listeners.set(event, new Set());
          listeners.get(event)!.add(listener);
          return () => listeners.get(event)!.delete(listener);
        },
      };
    },
    { count, live },
  );
}
