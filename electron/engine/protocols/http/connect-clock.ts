// The clock both of Ferry's HTTP clients start a request with: connecting (DNS and TLS included)
// must be done within the connect timeout, with the same words for the same failure.
import type { ClientRequest } from 'node:http';
import { TransferError } from '../../errors/transfer-error.ts';

export const seconds = (ms: number): string => `${Math.round(ms / 1000)} s`;

/** Fails `request` with a Timeout saying `message`. */
export function timeoutFail(request: ClientRequest): (message: string) => void {
  return (message) => request.destroy(new TransferError('Timeout', message));
}

/**
 * Calls `connected` once the request's socket is connected (at once for a reused one), or fails
 * the request after `connectTimeoutMs`. Returns a function that stops the clock.
 */
export function watchConnect(request: ClientRequest, connectTimeoutMs: number, connected: () => void): () => void {
  let timer: NodeJS.Timeout | null = null;
  request.once('socket', (socket) => {
    if (!socket.connecting) return connected();
    timer = setTimeout(() => timeoutFail(request)(`could not connect to the server within ${seconds(connectTimeoutMs)}`), connectTimeoutMs);
    socket.once(request.protocol === 'https:' ? 'secureConnect' : 'connect', () => {
      if (timer) clearTimeout(timer);
      timer = null;
      connected();
    });
  });
  return () => {
    if (timer) clearTimeout(timer);
  };
}
