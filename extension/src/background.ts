// The extension's background: catches the downloads the browser starts, hands the ones its rules
// pick to Ferry (see handoff.ts for why nothing is lost when that fails), adds "Download with
// Ferry" to links' context menu and "Download all links with Ferry" to a selection's and a page's.
// Chromium holds each download at onDeterminingFilename until we answer; Firefox has no such
// event, so there the download is paused at onCreated instead. Each hand-off is confirmed in the
// page with a toast (toast.ts) and on the toolbar button.
import { browserRequest } from './browser-request.ts';
import { decide, type DownloadFacts } from './catch-rules.ts';
import { handOff, type AddReply, type HandoffResult } from './handoff.ts';
import { confirmInPage, linksInTab, tabShowing } from './in-page.ts';
import { saveBatch } from './links-batch.ts';
import { askFerry } from './native.ts';
import { loadSettings } from './settings.ts';
import { words } from './words.ts';

const MENU_LINK = 'ferry-download-link';
const MENU_ALL_LINKS = 'ferry-download-all-links';
/** Links clicked with the bypass key, for the browser to download itself (url -> when). */
const bypassed = new Map<string, number>();
const BYPASS_MS = 15_000;

function takeBypass(...urls: Array<string | undefined>): boolean {
  const now = Date.now();
  for (const [url, at] of bypassed) if (now - at > BYPASS_MS) bypassed.delete(url);
  const hit = urls.find((u) => u !== undefined && bypassed.has(u));
  if (hit === undefined) return false;
  bypassed.delete(hit);
  return true;
}

/** Says how a hand-off went on the toolbar button and in the page (`failed`: the words on failure). */
async function show(result: HandoffResult, name: string, tabId: number | undefined, failed = words.handOffFailed): Promise<void> {
  const text = result.handedOver ? words.handedOver(name) : failed(result.reason);
  await chrome.action.setBadgeBackgroundColor({ color: result.handedOver ? '#2e7d32' : '#c62828' });
  await chrome.action.setBadgeText({ text: result.handedOver ? '✓' : '!' });
  await chrome.action.setTitle({ title: text });
  await confirmInPage(tabId, text, !result.handedOver);
}

/** Hands one download the browser holds to Ferry; `release` lets the browser go on with it. */
async function handOver(item: chrome.downloads.DownloadItem, release: () => Promise<void> | void): Promise<void> {
  const url = item.finalUrl || item.url;
  const message = await browserRequest({ url, referer: item.referrer, filename: item.filename });
  const result = await handOff(message, {
    ask: (m) => askFerry<AddReply>({ ...m }),
    dropBrowserCopy: async () => {
      await chrome.downloads.cancel(item.id);
      await chrome.downloads.erase({ id: item.id });
    },
    release,
  });
  await show(result, message.filename ?? url, await tabShowing(item.referrer));
}

function facts(item: chrome.downloads.DownloadItem): DownloadFacts {
  return { url: item.url, finalUrl: item.finalUrl, filename: item.filename, mime: item.mime, totalBytes: item.totalBytes, fileSize: item.fileSize, incognito: item.incognito };
}

const determining = chrome.downloads.onDeterminingFilename;
if (determining) {
  // Chromium: the download waits for suggest(); it is called only when Ferry did not take it.
  determining.addListener((item, suggest) => {
    void (async () => {
      const decision = decide(facts(item), await loadSettings(), takeBypass(item.url, item.finalUrl));
      if (!decision.take) return suggest();
      await handOver(item, () => suggest());
    })().catch(() => suggest());
    return true;
  });
} else {
  // Firefox: pause first so no byte is lost, resume if Ferry does not take it.
  chrome.downloads.onCreated.addListener((item) => {
    void (async () => {
      const decision = decide(facts(item), await loadSettings(), takeBypass(item.url, item.finalUrl));
      if (!decision.take || item.state !== 'in_progress') return;
      await chrome.downloads.pause(item.id).catch(() => undefined);
      await handOver(item, () => chrome.downloads.resume(item.id).catch(() => undefined));
    })();
  });
}

chrome.runtime.onMessage.addListener((message) => {
  const m = message as { type?: unknown; url?: unknown };
  if (m.type === 'bypass' && typeof m.url === 'string') bypassed.set(m.url, Date.now());
});

function createMenus(): void {
  void chrome.contextMenus.removeAll().then(() => {
    chrome.contextMenus.create({ id: MENU_LINK, title: words.menuDownloadLink, contexts: ['link'] });
    chrome.contextMenus.create({ id: MENU_ALL_LINKS, title: words.menuDownloadAll, contexts: ['selection', 'page'] });
  });
}
chrome.runtime.onInstalled.addListener(createMenus);
chrome.runtime.onStartup.addListener(createMenus);

/** "Download all links with Ferry": the links of the selection (or the page) in a list to tick. */
async function listLinks(tab: chrome.tabs.Tab, pageUrl: string | undefined): Promise<void> {
  if (tab.id === undefined || tab.incognito) return;
  const links = await linksInTab(tab.id).catch(() => []);
  const key = await saveBatch({ tabId: tab.id, pageUrl: pageUrl ?? tab.url ?? '', links });
  await chrome.windows.create({ url: chrome.runtime.getURL(`links.html?batch=${encodeURIComponent(key)}`), type: 'popup', width: 560, height: 620 });
}
// The e2e runs the menu's action through this: nothing can click a browser's own context menu.
(globalThis as { ferryListLinks?: typeof listLinks }).ferryListLinks = listLinks;

chrome.contextMenus.onClicked.addListener((info, tab) => {
  if (tab?.incognito) return;
  if (info.menuItemId === MENU_ALL_LINKS && tab) return void listLinks(tab, info.pageUrl);
  if (info.menuItemId !== MENU_LINK || !info.linkUrl) return;
  const url = info.linkUrl;
  void (async () => {
    const message = await browserRequest({ url, referer: info.pageUrl });
    // Nothing of the browser's to hold here: a failure is shown and the link is still there to click.
    const result = await handOff(message, { ask: (m) => askFerry<AddReply>({ ...m }), dropBrowserCopy: async () => undefined, release: () => undefined });
    await show(result, url, tab?.id, words.linkFailed);
  })();
});
