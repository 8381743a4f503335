// FTP through a SOCKS5 proxy: the control connection and every passive data connection are tunnels
// through the proxy (the `socks` package) to the FTP server, handed to basic-ftp as its sockets.
// Passive mode asks EPSV, then PASV, and takes only the port: the data connection goes to the
// server the control connection reached (the address in a PASV answer is the server's view of
// itself, which the proxy may not reach; basic-ftp refuses another host by default too). TLS on a
// data connection resumes the control connection's session, as basic-ftp does. socks5: names are
// resolved here (the engine's DNS); socks5h: the proxy resolves them.
import type net from 'node:net';
import type { LookupFunction } from 'node:net';
import tls, { type TLSSocket } from 'node:tls';
import { SocksClient } from 'socks';
import { FTPError, type Client, type FTPContext, type FTPResponse } from 'basic-ftp';
import type { ProxyServer } from '../../proxy/proxy-server.ts';
import { lookupHost } from './host-lookup.ts';

export interface SocksRoute {
  proxy: ProxyServer;
  /** The FTP server's host (an IPv6 address without brackets). */
  host: string;
  connectTimeoutMs: number;
  dnsLookup?: LookupFunction | undefined;
}

/** A tunnel through the proxy to `port` on the route's host. */
export async function socksTunnel(route: SocksRoute, port: number): Promise<net.Socket> {
  const { proxy } = route;
  const remote = proxy.url.protocol === 'socks5h:' ? route.host : await lookupHost(route.host, route.dnsLookup);
  const { socket } = await SocksClient.createConnection({
    proxy: {
      host: proxy.url.hostname.replace(/^\[|\]$/g, ''),
      port: Number(proxy.url.port) || 1080,
      type: 5,
      ...(proxy.credential ? { userId: proxy.credential.username, password: proxy.credential.password } : {}),
    },
    destination: { host: remote, port },
    command: 'connect',
    timeout: route.connectTimeoutMs,
  });
  return socket;
}

/** The control connection through the proxy (TLS at once for implicit FTPS); resolves with the greeting. */
export async function connectControl(client: Client, route: SocksRoute, port: number, implicitTls: tls.ConnectionOptions | null): Promise<FTPResponse> {
  const raw = await socksTunnel(route, port);
  client.ftp.socket = implicitTls ? tls.connect({ ...implicitTls, socket: raw }) : raw;
  if (implicitTls) client.ftp.tlsOptions = implicitTls;
  // As basic-ftp's connect: the greeting must be a positive completion (2xx).
  return client.ftp.handle(undefined, (response, task) => {
    if (response instanceof Error) task.reject(response);
    else if (response.code >= 200 && response.code < 300) task.resolve(response);
    else task.reject(new FTPError(response));
  }) as Promise<FTPResponse>;
}

const epsvPort = (message: string): number | null => {
  const match = /[|!]{3}(\d+)[|!]/.exec(message);
  return match ? Number(match[1]) : null;
};

const pasvPort = (message: string): number | null => {
  const match = /(?<![-\d])\d+,\d+,\d+,\d+,(\d+),(\d+)/.exec(message);
  return match ? (Number(match[1]) & 255) * 256 + (Number(match[2]) & 255) : null;
};

/** Passive data connections through the proxy, from now on. */
export function passiveThroughSocks(client: Client, route: SocksRoute): void {
  client.prepareTransfer = async (ftp: FTPContext): Promise<FTPResponse> => {
    // A server without EPSV answers 5xx (request rejects): PASV then.
    let answer: FTPResponse | null = await ftp.request('EPSV').catch(() => null);
    let port = answer ? epsvPort(answer.message) : null;
    if (answer === null || port === null) {
      answer = await ftp.request('PASV');
      port = pasvPort(answer.message);
    }
    if (port === null || port < 1 || port > 65_535) throw new Error(`cannot read the passive port from the server's answer: ${answer.message}`);
    const raw = await socksTunnel(route, port);
    // The socks package resumes the tunnel a turn after it is made; basic-ftp reads a data socket only
    // once the server's 150 has come, and a flowing socket without a reader drops what arrives
    // meanwhile (seen once: a corrupt file from vsftpd). Paused, the bytes wait for the reader.
    await new Promise((resolve) => setImmediate(resolve));
    raw.pause();
    let socket: net.Socket | TLSSocket = raw;
    if (ftp.socket instanceof tls.TLSSocket) {
      const secure = tls.connect({ ...ftp.tlsOptions, socket: raw, session: ftp.tlsSessionStore ?? ftp.socket.getSession() });
      secure.on('session', (session: Buffer) => (ftp.tlsSessionStore = session));
      socket = secure;
    }
    ftp.dataSocket = socket;
    return answer;
  };
}
