// A plain FTP session's data connections read into the process's one read buffer (as direct HTTP
// connections do: read-buffer-agent.ts) and hand each read straight to the download's body.
// Why: basic-ftp reads the data socket with Node's own reads (a new 64 KiB buffer for each, garbage
// the collector must find) and pipes it through a Writable into the body, two streams per chunk.
// A profile of 1 GiB from vsftpd spent more time collecting garbage than copying bytes.
// How: the `onread` option of net.Socket, given to the sockets basic-ftp makes from now on (only
// data connections: the control connection is made already). Such a socket emits no 'data';
// basic-ftp still pipes it and sees its end, which is when the transfer's data is done. TLS data
// connections wrap a plain socket, which Node reads with its own buffers whatever we ask, so FTPS
// (and SOCKS tunnels) keep basic-ftp's pipe.
import net from 'node:net';
import type { Client } from 'basic-ftp';
import { sharedReadBuffer } from '../http/read-buffer-agent.ts';

/** Where a data connection's bytes go; each read is copied out or consumed before it returns. */
export interface DataReceiver {
  /** `bytes` is valid only during the call; `socket` may be paused (and resumed later) for backpressure. */
  receive(bytes: Buffer, socket: net.Socket): void;
}

/** The receiver of a session's data connections: set before each transfer. */
export interface DataFeed {
  into(receiver: DataReceiver | null): void;
}

/** Makes the data connections `client` opens from now on read into the shared buffer and feed the receiver set. */
export function readDataInto(client: Client): DataFeed {
  let receiver: DataReceiver | null = null;
  const buffer = sharedReadBuffer();
  client.ftp._newSocket = () =>
    new net.Socket({
      onread: {
        buffer,
        callback(this: net.Socket, read: number) {
          // A session makes one transfer (ftp-source.ts), whose body is set before its RETR.
          receiver?.receive(buffer.subarray(0, read), this);
          return true;
        },
      },
    });
  return { into: (next) => (receiver = next) };
}
