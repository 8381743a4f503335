// The add message for a URL as the browser would fetch it: its cookies for that URL, the page as
// Referer, the browser's User-Agent. Every hand-off (a caught download, a link's menu, a batch of
// links) builds its message here.
import { addMessage, type AddMessage } from './handoff.ts';

async function cookiesFor(url: string): Promise<Array<{ name: string; value: string }>> {
  try {
    return await chrome.cookies.getAll({ url });
  } catch {
    return [];
  }
}

export async function browserRequest(parts: { url: string; referer?: string | undefined; filename?: string | undefined }): Promise<AddMessage> {
  return addMessage({ ...parts, cookies: await cookiesFor(parts.url), userAgent: navigator.userAgent });
}
