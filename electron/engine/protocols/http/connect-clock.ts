// The clock every request of Ferry's HTTP client starts with: connecting (DNS, TLS, and the way
// through a proxy included) must be done within the connect timeout, with the same words for the
// same failure.
import type { ClientRequest } from 'node:http';
import { TransferError } from '../../errors/transfer-error.ts';

export const seconds = (ms: number): string => `${Math.round(ms / 1000)} s`;

/** Fails `request` with a Timeout saying `message`. */
export function timeoutFail(request: ClientRequest): (message: string) => void {
  return (message) => request.destroy(new TransferError('Timeout', message));
}

/**
 * Calls `connected` once the request's socket is connected (at once for a reused one), or fails
 * the request after `connectTimeoutMs` from now (`peer`: whom it connects to, for the message). A
 * proxy's agent hands the socket over only once the way through the proxy is made, so the clock
 * starts here, not with the socket. Returns a function that stops the clock.
 */
export function watchConnect(request: ClientRequest, connectTimeoutMs: number, connected: () => void, peer = 'the server'): () => void {
  let timer: NodeJS.Timeout | null = setTimeout(() => timeoutFail(request)(`could not connect to ${peer} within ${seconds(connectTimeoutMs)}`), connectTimeoutMs);
  const stop = () => {
    if (timer) clearTimeout(timer);
    timer = null;
  };
  request.once('socket', (socket) => {
    if (!socket.connecting) {
      stop();
      return connected();
    }
    socket.once(request.protocol === 'https:' ? 'secureConnect' : 'connect', () => {
      stop();
      connected();
    });
  });
  return stop;
}
