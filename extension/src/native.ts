// The way to Ferry: native messaging to `ferry native-host` (installed by `ferry integrate`).
import { NATIVE_HOST_NAME } from '../../shared/browser-extension.ts';

/** One request, one answer (the browser starts the host for it). Rejects when there is no host. */
export async function askFerry<T>(message: Record<string, unknown>): Promise<T> {
  const reply = await chrome.runtime.sendNativeMessage(NATIVE_HOST_NAME, message);
  if (reply === undefined || reply === null) throw new Error(chrome.runtime.lastError?.message ?? 'no answer from Ferry');
  return reply as T;
}

/** A lasting connection (the popup's): answers come back in order, matched by requestId. */
export function connectFerry(onGone: () => void): { ask<T>(message: Record<string, unknown>): Promise<T>; close(): void } {
  const port = chrome.runtime.connectNative(NATIVE_HOST_NAME);
  const waiting = new Map<number, { resolve: (reply: unknown) => void; reject: (error: Error) => void }>();
  let next = 1;
  port.onMessage.addListener((reply) => {
    const id = (reply as { requestId?: number }).requestId;
    const entry = id === undefined ? undefined : waiting.get(id);
    if (!entry || id === undefined) return;
    waiting.delete(id);
    entry.resolve(reply);
  });
  port.onDisconnect.addListener(() => {
    for (const entry of waiting.values()) entry.reject(new Error(chrome.runtime.lastError?.message ?? 'Ferry closed the connection'));
    waiting.clear();
    onGone();
  });
  return {
    ask: <T>(message: Record<string, unknown>) =>
      new Promise<T>((resolve, reject) => {
        const requestId = next++;
        waiting.set(requestId, { resolve: resolve as (reply: unknown) => void, reject });
        port.postMessage({ ...message, requestId });
      }),
    close: () => port.disconnect(),
  };
}
