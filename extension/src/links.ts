// "Download all links with Ferry": the links a page gave, as the list shows them (name, host, kind),
// and which of them a type filter shows. Pure, so it is tested as it is.
import { extensionOf, hostOf } from './catch-rules.ts';
import { fileTypeOf, type FileType } from './file-types.ts';

/** A link as collect-links.ts reads it from the page. */
export interface PageLink {
  url: string;
  text: string;
}

export interface LinkEntry {
  url: string;
  name: string;
  host: string;
  type: FileType | null;
}

export type LinkFilter = FileType | 'all';

/** The page's links Ferry can fetch, once each (a link's #fragment is the same file), in page order. */
export function linkEntries(links: readonly PageLink[]): LinkEntry[] {
  const seen = new Set<string>();
  const entries: LinkEntry[] = [];
  for (const link of links) {
    if (typeof link?.url !== 'string' || !/^(https?|ftps?):\/\//i.test(link.url)) continue;
    let url: URL;
    try {
      url = new URL(link.url);
    } catch {
      continue;
    }
    url.hash = '';
    const href = url.href;
    if (seen.has(href)) continue;
    seen.add(href);
    const host = hostOf(href) ?? '';
    entries.push({ url: href, name: nameOf(url) || (typeof link.text === 'string' ? link.text.trim() : '') || host, host, type: fileTypeOf(extensionOf(href)) });
  }
  return entries;
}

function nameOf(url: URL): string {
  const last = url.pathname.split('/').pop() ?? '';
  try {
    return decodeURIComponent(last);
  } catch {
    return last;
  }
}

export function shownLinks(entries: readonly LinkEntry[], filter: LinkFilter): LinkEntry[] {
  return filter === 'all' ? [...entries] : entries.filter((e) => e.type === filter);
}
