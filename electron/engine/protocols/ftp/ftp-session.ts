// One logged-in FTP control connection (basic-ftp's Client): the host resolved as the engine
// resolves names (or through a SOCKS5 proxy: ftp-socks.ts), connected within the connect timeout, TLS as the URL and the ftpTls setting say
// (ftps://: implicit; ftp://: AUTH TLS when the server offers it, unless `off`; `require` refuses a
// server without it), the certificate checked before any credential is sent, then binary mode.
import net, { type LookupFunction } from 'node:net';
import type { ConnectionOptions, PeerCertificate, TLSSocket } from 'node:tls';
import { Client, FTPError } from 'basic-ftp';
import type { FtpTls } from '../../../../shared/model.ts';
import { TransferError } from '../../errors/transfer-error.ts';
import { hideUrlPassword } from '../../../../shared/url-password.ts';
import { seconds } from '../http/connect-clock.ts';
import { lookupHost } from './host-lookup.ts';
import type { ProxyServer } from '../../proxy/proxy-server.ts';
import { proxyFailure } from '../http/proxy-errors.ts';
import { connectControl, passiveThroughSocks, type SocksRoute } from './ftp-socks.ts';
import { readDataInto, type DataFeed } from './data-reads.ts';

export interface SessionRequest {
  url: URL;
  credential: { username: string; password: string } | null;
  tls: FtpTls;
  connectTimeoutMs: number;
  responseTimeoutMs: number;
  signal: AbortSignal;
  dnsLookup?: LookupFunction | undefined;
  /** A SOCKS5 proxy (ftp-proxy.ts allows no other) for the control and data connections; null: direct. */
  proxy: ProxyServer | null;
}

export interface FtpSession {
  client: Client;
  /** The control connection (and so every data connection) is TLS. */
  secure: boolean;
  /** Plain and direct: the data connection's reads go to the receiver set here (data-reads.ts); else null (basic-ftp pipes them). */
  dataFeed: DataFeed | null;
  /** QUIT and close both connections (a transfer in progress is aborted); once is enough. */
  close(): void;
}

/** What anonymous FTP asks for by custom: an e-mail-like password (curl sends the same). */
const ANONYMOUS = { username: 'anonymous', password: 'ftp@example.com' };

/** The URL's host as sockets take it (an IPv6 address without its brackets). */
const hostOf = (url: URL): string => url.hostname.replace(/^\[|\]$/g, '');

/** A certificate that did not verify, in words with its fingerprint (to compare with the server's owner). */
function certificateProblem(socket: TLSSocket, url: URL): TransferError {
  const certificate: PeerCertificate | null = socket.getPeerCertificate();
  const fingerprint = certificate?.fingerprint256 ?? 'unknown';
  return new TransferError(
    'CertificateError',
    `the FTP server's TLS certificate is not valid for ${hideUrlPassword(url.toString())} (${String(socket.authorizationError)}); its SHA-256 fingerprint is ${fingerprint}`,
  );
}

/**
 * The control connection's TLS options: verified by hand once connected (certificateProblem), so the
 * refusal can name the fingerprint; the data connections then pin that same certificate.
 */
function controlTls(url: URL): ConnectionOptions {
  const host = hostOf(url);
  return { host, ...(net.isIP(host) ? {} : { servername: host }), rejectUnauthorized: false };
}

function verifiedOrRefused(client: Client, url: URL, options: ConnectionOptions): void {
  const socket = client.ftp.socket as TLSSocket;
  if (!socket.authorized) throw certificateProblem(socket, url);
  const pinned = socket.getPeerCertificate().fingerprint256;
  client.ftp.tlsOptions = {
    ...options,
    rejectUnauthorized: true,
    checkServerIdentity: (_host, certificate) =>
      certificate.fingerprint256 === pinned ? undefined : new Error(`the data connection's certificate (${certificate.fingerprint256}) is not the control connection's (${pinned})`),
  };
}

/** AUTH TLS on a plain connection, as the setting says; true when the connection is now TLS. */
async function explicitTls(client: Client, request: SessionRequest, options: ConnectionOptions): Promise<boolean> {
  if (request.tls === 'off') return false;
  try {
    await client.useTLS(options);
    return true;
  } catch (error) {
    if (!(error instanceof FTPError)) throw error;
    if (request.tls === 'auto') return false;
    throw new TransferError(
      'Forbidden',
      `the FTP server of ${hideUrlPassword(request.url.toString())} does not offer TLS (AUTH TLS: ${error.code} ${error.message.replace(/^\d{3}\s*/, '')}), and the ftpTls setting requires it; set ftpTls to auto to allow plain FTP`,
      { permanent: true },
    );
  }
}

export async function openSession(request: SessionRequest): Promise<FtpSession> {
  const { url } = request;
  const implicit = url.protocol === 'ftps:';
  const port = url.port ? Number(url.port) : implicit ? 990 : 21;
  const { username, password } = request.credential ?? ANONYMOUS;
  // A line break would end USER or PASS and start another command.
  if (/[\r\n\0]/.test(username + password)) {
    throw new TransferError('InvalidArgument', `the user name or password for ${hideUrlPassword(url.toString())} holds a line break or NUL, which FTP cannot send`, { permanent: true });
  }
  const client = new Client(request.responseTimeoutMs);
  const close = (): void => {
    request.signal.removeEventListener('abort', close);
    client.close();
  };
  request.signal.addEventListener('abort', close, { once: true });
  // The name lookup, the greeting and TLS within the connect timeout, as for HTTP.
  let clock: NodeJS.Timeout | undefined;
  const expiry = new Promise<never>((_resolve, reject) => {
    clock = setTimeout(() => {
      const late = new TransferError('Timeout', `could not connect to the FTP server of ${hideUrlPassword(url.toString())} within ${seconds(request.connectTimeoutMs)}`);
      reject(late);
      client.ftp.closeWithError(late);
    }, request.connectTimeoutMs);
  });
  expiry.catch(() => undefined);
  try {
    if (request.signal.aborted) throw request.signal.reason;
    const options = controlTls(url);
    const route: SocksRoute | null = request.proxy ? { proxy: request.proxy, host: hostOf(url), connectTimeoutMs: request.connectTimeoutMs, dnsLookup: request.dnsLookup } : null;
    if (route) {
      await Promise.race([connectControl(client, route, port, implicit ? { ...options } : null), expiry]);
      passiveThroughSocks(client, route);
    } else {
      const address = await Promise.race([lookupHost(hostOf(url), request.dnsLookup), expiry]);
      if (implicit) await client.connectImplicitTLS(address, port, { ...options });
      else await client.connect(address, port);
    }
    const secure = implicit || (await explicitTls(client, request, { ...options }));
    clearTimeout(clock);
    if (secure) verifiedOrRefused(client, url, options);
    await client.login(username, password);
    await client.send('TYPE I');
    if (secure) {
      await client.send('PBSZ 0');
      await client.send('PROT P');
    }
    return { client, secure, dataFeed: secure || route ? null : readDataInto(client), close };
  } catch (error) {
    close();
    throw request.proxy ? proxyFailure(error, request.proxy, url.toString()) : error;
  } finally {
    clearTimeout(clock);
  }
}
