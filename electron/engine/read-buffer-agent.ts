// Plain-HTTP connections that read into one buffer per socket instead of a new one per read.
// Why: Node's sockets allocate a fresh 64 KiB buffer for every read and the HTTP parser then
// copies the body out of it anyway. On a fast link those allocations (page faults, cold caches,
// garbage) were a quarter or more of the whole read path: 1 GiB from nginx on loopback, read to
// nowhere, took 0.70-0.95 s this way against 0.85-1.36 s with default sockets.
// How: net.connect's documented `onread` option reads into our buffer and calls us back; we hand the
// bytes to the HTTP client as the 'data' event it listens for. The parser copies what it keeps
// (body chunks, header strings) before returning, so the buffer is free again when the call ends.
// TLS sockets are left alone: TLS reads its socket inside Node, not through these events.
import http from 'node:http';
import net from 'node:net';

/** Bigger reads mean fewer trips through the parser and the streams behind it per gigabyte. */
const READ_BUFFER_BYTES = 1024 * 1024;

export class ReadBufferAgent extends http.Agent {
  private readonly readBufferBytes: number;

  constructor(readBufferBytes = READ_BUFFER_BYTES) {
    // Node's global agent's settings: idle connections kept 5 s for the retry or the next request.
    super({ keepAlive: true, scheduling: 'lifo', timeout: 5000 });
    this.readBufferBytes = readBufferBytes;
  }

  /** What Node's Agent does (options go to net.connect as they are), plus `onread`. */
  override createConnection(options: http.ClientRequestArgs): net.Socket {
    const buffer = Buffer.allocUnsafeSlow(this.readBufferBytes);
    const socket: net.Socket = net.connect({
      ...(options as net.TcpNetConnectOpts),
      onread: {
        buffer,
        callback: (bytes: number) => {
          socket.emit('data', buffer.subarray(0, bytes));
          // Reading goes on unless a listener paused the socket (backpressure), which stops it.
          return true;
        },
      },
    });
    return socket;
  }
}

let shared: ReadBufferAgent | null = null;

/** The agent every plain-HTTP request of the engine goes through (connections are pooled per host). */
export function readBufferAgent(): ReadBufferAgent {
  shared ??= new ReadBufferAgent();
  return shared;
}
