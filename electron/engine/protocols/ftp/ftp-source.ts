// Downloads over FTP and FTPS: a logged-in session (ftp-session.ts), the file's size and time
// (SIZE, MDTM) as its facts, proven unchanged before bytes on disk are continued (never a splice),
// then passive mode (EPSV, then PASV) and RETR from the offset with REST. A segment's body ends at
// its last byte and aborts the transfer (ftp-body.ts). A plain session's data connection reads
// straight into the body (data-reads.ts).
import { FTPError, type Client } from 'basic-ftp';
import { TransferError } from '../../errors/transfer-error.ts';
import { hideUrlPassword } from '../../../../shared/url-password.ts';
import { factsOf } from '../protocol-facts.ts';
import type { DownloadSource, SourceOpening, SourceRequest } from '../download-source.ts';
import { versionChange, type FtpFacts } from './ftp-facts.ts';
import { ftpError, ftpReplyError } from './ftp-errors.ts';
import { openSession } from './ftp-session.ts';
import { ftpProxy } from './ftp-proxy.ts';
import { FtpBody } from './ftp-body.ts';

const folderError = (url: string) =>
  new TransferError('InvalidUri', `${hideUrlPassword(url)} is a folder; Ferry downloads files over FTP: give the URL of a file in it`, { permanent: true });

/** The file's path as RFC 1738 reads an ftp URL: relative to the login folder ("//" for an absolute one). */
function remotePath(url: URL): string {
  let path: string;
  try {
    path = decodeURIComponent(url.pathname.replace(/;type=[aid]$/i, '')).slice(1);
  } catch {
    throw new TransferError('InvalidUri', `the path of ${hideUrlPassword(url.toString())} is not valid percent-encoding`, { permanent: true });
  }
  if (path === '' || path.endsWith('/')) throw folderError(url.toString());
  // A line break would end the command and start another on the control connection.
  if (/[\r\n\0]/.test(path)) throw new TransferError('InvalidUri', `the path of ${hideUrlPassword(url.toString())} holds a line break or NUL, which FTP cannot send`, { permanent: true });
  return path;
}

/** "213 20261206034512[.123]" as ISO 8601 (MDTM is UTC), or null when the server did not say. */
export function parseMdtm(reply: string): string | null {
  const match = /^213\s+(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(?:\.(\d{1,3}))?/.exec(reply);
  if (!match) return null;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  const time = Date.UTC(year, month - 1, day, hour, minute, second, match[7] ? Number(match[7].padEnd(3, '0')) : 0);
  return Number.isNaN(time) ? null : new Date(time).toISOString();
}

/** SIZE and MDTM; a server without them gives nulls, a missing file NotFound. */
async function readFacts(client: Client, path: string, url: string): Promise<FtpFacts> {
  const size = await client.sendIgnoringError(`SIZE ${path}`);
  if (size.code === 550) throw ftpReplyError(new FTPError(size), url);
  const time = await client.sendIgnoringError(`MDTM ${path}`);
  const bytes = size.code === 213 ? Number.parseInt(size.message.slice(4), 10) : Number.NaN;
  return { protocol: 'ftp', size: Number.isSafeInteger(bytes) && bytes >= 0 ? bytes : null, modifiedAt: time.code === 213 ? parseMdtm(time.message) : null };
}

/** A path the server lets us enter is a folder (SIZE alone cannot tell: some servers size folders). */
async function refuseFolder(client: Client, path: string, url: string): Promise<void> {
  const reply = await client.sendIgnoringError(`CWD ${path}`);
  if (reply.code >= 200 && reply.code < 300) throw folderError(url);
}

/** A failure as the engine takes it: the abort's reason when aborted, else in FTP's statuses. */
function explained(error: unknown, request: SourceRequest): unknown {
  return request.signal.aborted ? (request.signal.reason ?? error) : ftpError(error, request.url);
}

async function open(request: SourceRequest): Promise<SourceOpening> {
  const url = new URL(request.url);
  const path = remotePath(url);
  const held = factsOf(request.facts, 'ftp');
  const proxy = await ftpProxy(request.proxy, url);
  const session = await openSession({
    proxy,
    url,
    credential: request.credential,
    tls: request.ftpTls ?? 'auto',
    connectTimeoutMs: request.connectTimeoutMs,
    responseTimeoutMs: request.responseTimeoutMs,
    signal: request.signal,
    dnsLookup: request.dnsLookup,
  }).catch((error: unknown) => {
    throw explained(error, request);
  });
  const { client } = session;
  let handedOver = false;
  try {
    if (!held) await refuseFolder(client, path, request.url);
    const facts = await readFacts(client, path, request.url);
    if (request.offset > 0 || request.end !== null) {
      // Vouched for by a checksum (another address's bytes): the same size is enough.
      const change = request.vouched ? (facts.size === request.knownTotal ? null : `it is not the same size (${request.knownTotal} bytes, it has ${facts.size ?? 'an unknown number'})`) : versionChange(held, facts);
      if (change) return { kind: 'retryFromZero', reason: change };
      if (request.offset > facts.size!) return { kind: 'retryFromZero', reason: 'the file on the server is shorter than the bytes on disk' };
      if (request.offset === facts.size && request.end === null) return { kind: 'complete' };
    }
    // REST from 0 changes nothing; its answer says whether the server can start elsewhere (350).
    const resumable = request.offset > 0 || (await client.sendIgnoringError('REST 0')).code === 350;
    const body = new FtpBody(session.close, request.end === null ? null : request.end - request.offset + 1);
    session.dataFeed?.into(body);
    const transfer = client.downloadTo(body.sink, path, request.offset);
    body.follow(transfer, (error) => ftpError(error, request.url));
    await Promise.race([body.arrived, transfer]);
    handedOver = true;
    return {
      kind: 'body',
      body,
      answer: {
        finalUrl: request.url,
        suggestedName: null,
        contentEncoding: undefined,
        contentType: undefined,
        total: facts.size,
        facts,
        offset: request.offset,
        restartReason: null,
        splittable: resumable && facts.size !== null && facts.modifiedAt !== null,
      },
    };
  } catch (error) {
    throw explained(error, request);
  } finally {
    if (!handedOver) session.close();
  }
}

export const ftpSource: DownloadSource = { open };
