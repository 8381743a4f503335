// What the extension runs in a tab: collecting its links, and the toast after a hand-off.
import { collectLinks } from './collect-links.ts';
import type { PageLink } from './links.ts';
import { showToast } from './toast.ts';

export async function linksInTab(tabId: number): Promise<PageLink[]> {
  const [frame] = await chrome.scripting.executeScript({ target: { tabId }, func: collectLinks });
  const result = frame?.result;
  return Array.isArray(result) ? (result as PageLink[]) : [];
}

/** The toast in that tab; a tab the extension may not script (the browser's own pages) shows none. */
export async function confirmInPage(tabId: number | undefined, text: string, failed: boolean): Promise<void> {
  if (tabId === undefined) return;
  await chrome.scripting.executeScript({ target: { tabId }, func: showToast, args: [text, failed] }).catch(() => undefined);
}

/** The tab showing `pageUrl` (a download's referrer), else the one in front. */
export async function tabShowing(pageUrl: string | undefined): Promise<number | undefined> {
  try {
    const showing = pageUrl ? (await chrome.tabs.query({})).find((t) => t.url === pageUrl) : undefined;
    return (showing ?? (await chrome.tabs.query({ active: true, lastFocusedWindow: true }))[0])?.id;
  } catch {
    return undefined;
  }
}
