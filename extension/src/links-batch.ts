// The links "Download all links with Ferry" collected, from the background to the list page, kept
// in the extension's session storage (gone when the browser closes; content scripts cannot read it).
import type { PageLink } from './links.ts';

export interface LinksBatch {
  /** The tab the links came from: its page is the Referer, and it shows the toast. */
  tabId: number;
  pageUrl: string;
  links: PageLink[];
}

export async function saveBatch(batch: LinksBatch): Promise<string> {
  const key = `links-${crypto.randomUUID()}`;
  await chrome.storage.session.set({ [key]: batch });
  return key;
}

export async function loadBatch(key: string): Promise<LinksBatch | null> {
  if (!key.startsWith('links-')) return null;
  const batch = (await chrome.storage.session.get(key))[key] as LinksBatch | undefined;
  return batch && Array.isArray(batch.links) ? batch : null;
}

export async function dropBatch(key: string): Promise<void> {
  await chrome.storage.session.remove(key);
}
