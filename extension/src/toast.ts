// Runs in the page (scripting.executeScript, the extension's isolated world): a short line saying
// whether Ferry took the download, gone after a few seconds. It lives in a closed shadow root, so
// page scripts can neither read nor restyle it; its styles are set through the CSSOM, which a
// page's Content-Security-Policy does not block. Self-contained: it is sent as source.
export function showToast(text: string, failed: boolean): void {
  const scope = globalThis as { ferryToast?: { host: HTMLElement; timer: ReturnType<typeof setTimeout> } };
  if (scope.ferryToast) {
    clearTimeout(scope.ferryToast.timer);
    scope.ferryToast.host.remove();
  }
  const host = document.createElement('div');
  const fixed: Record<string, string> = { all: 'initial', position: 'fixed', right: '16px', bottom: '16px', 'z-index': '2147483647', display: 'block', 'pointer-events': 'none' };
  for (const [name, value] of Object.entries(fixed)) host.style.setProperty(name, value, 'important');
  const root = host.attachShadow({ mode: 'closed' });
  const box = document.createElement('div');
  box.setAttribute('role', 'status');
  Object.assign(box.style, {
    font: '14px/1.4 system-ui, sans-serif',
    color: '#fff',
    background: failed ? '#b71c1c' : '#1b5e20',
    padding: '10px 14px',
    borderRadius: '8px',
    boxShadow: '0 4px 16px rgba(0,0,0,.35)',
    maxWidth: '420px',
    overflowWrap: 'anywhere',
  });
  root.append(box);
  document.documentElement.append(host);
  // A live region announces what changes in it: the words go in once it is in the page.
  setTimeout(() => (box.textContent = text), 50);
  scope.ferryToast = { host, timer: setTimeout(() => host.remove(), 6000) };
}
