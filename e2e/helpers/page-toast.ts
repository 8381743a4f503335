// Reads the extension's toast in a page. It sits in a closed shadow root, out of reach of page
// scripts and of Playwright's selectors; the DevTools protocol's DOM (pierce) sees into it.
import type { BrowserContext, Page } from 'playwright';

interface DomNode {
  nodeName: string;
  nodeValue?: string;
  attributes?: string[];
  children?: DomNode[];
  shadowRoots?: Array<DomNode & { shadowRootType?: string }>;
}

export interface Toast {
  text: string;
  role: string | null;
  shadowRootType: string;
}

export async function toastIn(context: BrowserContext, page: Page): Promise<Toast | null> {
  const cdp = await context.newCDPSession(page);
  try {
    const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: DomNode };
    return find(root);
  } finally {
    await cdp.detach();
  }
}

function find(node: DomNode): Toast | null {
  for (const shadow of node.shadowRoots ?? []) {
    const status = (shadow.children ?? []).find((c) => attribute(c, 'role') === 'status');
    if (status) return { text: (status.children ?? []).map((c) => c.nodeValue ?? '').join(''), role: 'status', shadowRootType: shadow.shadowRootType ?? '' };
  }
  for (const child of node.children ?? []) {
    const found = find(child);
    if (found) return found;
  }
  return null;
}

function attribute(node: DomNode, name: string): string | null {
  const a = node.attributes ?? [];
  for (let i = 0; i < a.length; i += 2) if (a[i] === name) return a[i + 1] ?? null;
  return null;
}
