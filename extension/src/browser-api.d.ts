// The few WebExtension APIs Ferry's extension uses, typed here (the same names in Chromium and
// Firefox, promise-returning in Manifest V3). Not a full typing: only what the code calls.
declare namespace chrome {
  namespace downloads {
    interface DownloadItem {
      id: number;
      url: string;
      finalUrl?: string;
      referrer?: string;
      filename: string;
      mime?: string;
      totalBytes: number;
      fileSize: number;
      state: 'in_progress' | 'interrupted' | 'complete';
      incognito: boolean;
    }
    interface Suggestion {
      filename: string;
      conflictAction?: 'uniquify' | 'overwrite' | 'prompt';
    }
    interface Event<T extends (...args: never[]) => unknown> {
      addListener(listener: T): void;
    }
    const onCreated: Event<(item: DownloadItem) => void>;
    /** Chromium only. */
    const onDeterminingFilename: Event<(item: DownloadItem, suggest: (suggestion?: Suggestion) => void) => boolean | void> | undefined;
    function cancel(id: number): Promise<void>;
    function pause(id: number): Promise<void>;
    function resume(id: number): Promise<void>;
    function erase(query: { id: number }): Promise<number[]>;
    function search(query: { id?: number; filenameRegex?: string }): Promise<DownloadItem[]>;
  }
  namespace cookies {
    function getAll(details: { url: string }): Promise<Array<{ name: string; value: string }>>;
  }
  namespace runtime {
    interface Port {
      postMessage(message: unknown): void;
      disconnect(): void;
      onMessage: { addListener(listener: (message: unknown) => void): void };
      onDisconnect: { addListener(listener: () => void): void };
    }
    const lastError: { message?: string } | undefined;
    function sendNativeMessage(application: string, message: unknown): Promise<unknown>;
    function connectNative(application: string): Port;
    function openOptionsPage(): Promise<void>;
    function sendMessage(message: unknown): Promise<unknown>;
    function getURL(path: string): string;
    const onMessage: { addListener(listener: (message: unknown, sender: { tab?: { id?: number } }) => void): void };
    const onInstalled: { addListener(listener: () => void): void };
    const onStartup: { addListener(listener: () => void): void };
  }
  namespace contextMenus {
    function create(properties: { id: string; title: string; contexts: string[] }): void;
    function removeAll(): Promise<void>;
    const onClicked: { addListener(listener: (info: { menuItemId: string | number; linkUrl?: string; pageUrl?: string }, tab?: tabs.Tab) => void): void };
  }
  namespace storage {
    interface Area {
      get(keys: string | string[] | null): Promise<Record<string, unknown>>;
      set(items: Record<string, unknown>): Promise<void>;
      remove(keys: string | string[]): Promise<void>;
    }
    const local: Area;
    /** Kept in memory until the browser closes; only the extension's own pages and workers see it. */
    const session: Area;
  }
  namespace tabs {
    interface Tab {
      id?: number;
      url?: string;
      active?: boolean;
      incognito?: boolean;
    }
    function query(query: { active?: boolean; lastFocusedWindow?: boolean }): Promise<Tab[]>;
  }
  namespace windows {
    function create(data: { url: string; type?: 'normal' | 'popup'; width?: number; height?: number }): Promise<unknown>;
  }
  namespace scripting {
    function executeScript<Args extends unknown[], Result>(injection: { target: { tabId: number; allFrames?: boolean }; func: (...args: Args) => Result; args?: Args }): Promise<Array<{ result?: Awaited<Result> }>>;
  }
  namespace action {
    function setBadgeText(details: { text: string }): Promise<void>;
    function setBadgeBackgroundColor(details: { color: string }): Promise<void>;
    function setTitle(details: { title: string }): Promise<void>;
    function getTitle(details: Record<string, never>): Promise<string>;
  }
}
