// A test server's life on 127.0.0.1: listening on a free port, and the sockets it holds (to close them).
import type { Server } from 'node:net';
import type { AddressInfo, Socket } from 'node:net';

/** Listens on 127.0.0.1 at a free port; resolves with the port. */
export async function listenOnLoopback(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

/** The server's open sockets, kept up to date. */
export function openSockets(server: Server): Set<Socket> {
  const sockets = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  return sockets;
}
