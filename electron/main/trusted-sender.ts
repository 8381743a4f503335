// Only the app's own page may call the main process (after GitHub Desktop's trusted-ipc-sender).
export interface SenderLike {
  senderFrame: { url: string } | null;
}

/** The app page is a file:// URL inside the app (or the dev server in development). */
export function isTrustedSender(event: SenderLike, appPageUrl: string): boolean {
  const url = event.senderFrame?.url;
  if (!url) return false;
  try {
    const sender = new URL(url);
    const app = new URL(appPageUrl);
    if (app.protocol === 'file:') return sender.protocol === 'file:' && sender.pathname === app.pathname;
    return sender.origin === app.origin;
  } catch {
    return false;
  }
}
