// Content script: a link clicked with Alt held is the browser's to download (Alt+click is
// Chromium's own "download this link"); the background is told before the download starts.
document.addEventListener(
  'click',
  (event) => {
    if (!event.altKey) return;
    const link = (event.target as Element | null)?.closest?.('a[href]') as HTMLAnchorElement | null;
    if (link) void chrome.runtime.sendMessage({ type: 'bypass', url: link.href });
  },
  true,
);
