// Runs in the page (scripting.executeScript, the extension's isolated world): the links in the
// selection, or in the whole page when nothing is selected. Self-contained: it is sent as source.
export function collectLinks(): Array<{ url: string; text: string }> {
  const anchors = Array.from(document.querySelectorAll<HTMLAnchorElement | HTMLAreaElement>('a[href], area[href]'));
  const selection = window.getSelection();
  const picked = selection && !selection.isCollapsed ? anchors.filter((a) => selection.containsNode(a, true)) : anchors;
  // A page with a huge number of links still gives a list the extension can carry.
  return picked.slice(0, 5000).map((a) => ({ url: a.href, text: (a.textContent ?? '').trim().slice(0, 200) }));
}
