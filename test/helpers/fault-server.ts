// An HTTP server for tests that serves files with Range/If-Range support and injects the faults a
// test asks for, one per request, in order.
import http from 'node:http';
import https from 'node:https';
import { createHash, randomBytes } from 'node:crypto';
import type { AddressInfo, Socket } from 'node:net';

export interface ServedFile {
  body: Buffer;
  etag?: string | null;
  lastModified?: string | null;
  contentDisposition?: string;
  /** More response headers; an array is sent as that many fields. */
  headers?: Record<string, string | string[]>;
  /** Bytes per second, to make a download slow enough to interrupt. */
  rate?: number;
  /** A "name=value" the request's Cookie header must hold, else 403 (a file behind a login). */
  requireCookie?: string;
}

export type Fault =
  | { kind: 'reset'; afterBytes: number }
  | { kind: 'stall'; afterBytes: number }
  /** After afterBytes, one byte every everyMs: never silent for long, never getting anywhere. */
  | { kind: 'trickle'; afterBytes: number; everyMs: number }
  | { kind: 'truncate'; afterBytes: number }
  | { kind: 'status'; code: number; headers?: Record<string, string> }
  /** The whole file (200) whatever the Range; without the headers named in `omit` ('last-modified'). */
  | { kind: 'ignoreRange'; omit?: string[] }
  | { kind: 'bare416' }
  | { kind: 'replace'; file: ServedFile }
  | { kind: 'redirect'; location: string }
  /** A 206 whose head lies: its Content-Range moved by `shift` bytes, or with another `total`, or more headers (an encoding). */
  | { kind: 'forge'; shift?: number; total?: number; headers?: Record<string, string> }
  /** Serves the Range whatever If-Range says (a server that does not know If-Range). */
  | { kind: 'ignoreIfRange' }
  /** This answer at most this fast (bytes per second): one slow connection among fast ones. */
  | { kind: 'rate'; bytesPerSec: number }
  /** No fault for this request: holds its place in the order. */
  | { kind: 'none' };

export interface RequestLog {
  path: string;
  range: string | undefined;
  ifRange: string | undefined;
  authorization: string | undefined;
  cookie: string | undefined;
  headers: http.IncomingHttpHeaders;
  status: number;
  at: number;
}

export function sha256(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

export function randomFile(size: number, extra: Partial<ServedFile> = {}): ServedFile {
  const body = randomBytes(size);
  return { body, etag: `"${sha256(body).slice(0, 16)}"`, lastModified: new Date(Date.now() - 60_000).toUTCString(), ...extra };
}

export class FaultServer {
  readonly requests: RequestLog[] = [];
  /** Body bytes written to sockets, over all requests. */
  bytesSent = 0;
  private readonly files = new Map<string, ServedFile>();
  private readonly faults = new Map<string, Fault[]>();
  private readonly server: http.Server;
  private readonly sockets = new Set<Socket>();
  port = 0;

  private readonly scheme: 'http' | 'https';
  /** The most file answers it sends at once (nginx's limit_conn): more are answered 503. */
  private maxAnswers: number | null = null;
  private answering = 0;

  private host = '127.0.0.1';

  /** With `tls` (a key and certificate in PEM) it serves HTTPS. */
  constructor(tls?: { key: string; cert: string }) {
    this.scheme = tls ? 'https' : 'http';
    const handler = (req: http.IncomingMessage, res: http.ServerResponse) => this.handle(req, res);
    this.server = tls ? https.createServer(tls, handler) : http.createServer(handler);
    this.server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
  }

  /** Listens on 127.0.0.1 (or `host`, an address inside a network namespace a test made). */
  async start(host = '127.0.0.1'): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, host, resolve));
    this.port = (this.server.address() as AddressInfo).port;
    this.host = host;
    return this;
  }

  url(path: string): string {
    return `${this.scheme}://${this.host}:${this.port}${path}`;
  }

  /** Sends at most `count` file answers at once, answering 503 to more (a server limiting connections). */
  limitAnswers(count: number): this {
    this.maxAnswers = count;
    return this;
  }

  serve(path: string, file: ServedFile, faults: Fault[] = []): this {
    this.files.set(path, file);
    this.faults.set(path, [...faults]);
    return this;
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  requestsFor(path: string): RequestLog[] {
    return this.requests.filter((r) => r.path === path);
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const log: RequestLog = {
      path,
      range: req.headers.range,
      ifRange: req.headers['if-range'] as string | undefined,
      authorization: req.headers.authorization,
      headers: req.headers,
      cookie: req.headers.cookie,
      status: 0,
      at: Date.now(),
    };
    this.requests.push(log);
    let fault = this.faults.get(path)?.shift();
    if (fault?.kind === 'replace') {
      this.files.set(path, fault.file);
      fault = this.faults.get(path)?.shift();
    }
    if (fault?.kind === 'redirect') {
      log.status = 302;
      res.writeHead(302, { location: fault.location }).end();
      return;
    }
    const file = this.files.get(path);
    if (!file) {
      log.status = 404;
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    if (file.requireCookie && !(req.headers.cookie ?? '').split(/;\s*/).includes(file.requireCookie)) {
      log.status = 403;
      res.writeHead(403, { 'content-type': 'text/html' }).end('<p>log in first</p>');
      return;
    }
    if (this.maxAnswers !== null && this.answering >= this.maxAnswers) {
      log.status = 503;
      res.writeHead(503, { 'content-type': 'text/plain' }).end('too many connections');
      return;
    }
    if (this.maxAnswers !== null) {
      this.answering++;
      res.once('close', () => this.answering--);
    }
    if (fault?.kind === 'status') {
      log.status = fault.code;
      res.writeHead(fault.code, { 'content-type': 'text/plain', ...fault.headers }).end(`status ${fault.code}`);
      return;
    }
    const total = file.body.length;
    const headers: Record<string, string | string[]> = { 'content-type': 'application/octet-stream', 'accept-ranges': 'bytes', ...file.headers };
    if (file.etag) headers['etag'] = file.etag;
    if (file.lastModified) headers['last-modified'] = file.lastModified;
    if (file.contentDisposition) headers['content-disposition'] = file.contentDisposition;

    let start = 0;
    let status = 200;
    const range = /^bytes=(\d+)-(\d*)$/.exec(req.headers.range ?? '');
    const ifRange = req.headers['if-range'] as string | undefined;
    const ifRangeOk = !ifRange || ifRange === file.etag || ifRange === file.lastModified || fault?.kind === 'ignoreIfRange';
    let end = total - 1;
    if (range && ifRangeOk && fault?.kind !== 'ignoreRange') {
      start = Number(range[1]);
      if (range[2]) end = Math.min(Number(range[2]), total - 1);
      if (start >= total || end < start) {
        log.status = 416;
        // apache, lighttpd and http-server leave Content-Range out of their 416.
        res.writeHead(416, fault?.kind === 'bare416' ? {} : { 'content-range': `bytes */${total}` }).end();
        return;
      }
      status = 206;
      headers['content-range'] = `bytes ${start}-${end}/${total}`;
      if (fault?.kind === 'forge') {
        const shift = fault.shift ?? 0;
        headers['content-range'] = `bytes ${start + shift}-${end + shift}/${fault.total ?? total}`;
        Object.assign(headers, fault.headers);
      }
    }
    headers['content-length'] = String(end + 1 - start);
    if (fault?.kind === 'ignoreRange') for (const name of fault.omit ?? []) delete headers[name];
    log.status = status;
    res.writeHead(status, headers);
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    const body = file.body.subarray(start, end + 1);
    const cut = fault && 'afterBytes' in fault ? Math.min(fault.afterBytes, body.length) : body.length;
    void this.stream(res, body.subarray(0, cut), fault?.kind === 'rate' ? fault.bytesPerSec : file.rate).then((ok) => {
      if (!ok) return;
      if (!fault || !('afterBytes' in fault)) res.end();
      // Give the client time to read what was sent: an RST discards its unread receive buffer.
      else if (fault.kind === 'reset') setTimeout(() => res.socket?.resetAndDestroy(), 150);
      else if (fault.kind === 'truncate') res.socket?.end();
      else if (fault.kind === 'trickle') void this.stream(res, body.subarray(cut), 1000 / fault.everyMs, 1).then((whole) => whole && res.end());
      // 'stall': keep the socket open and silent until the client gives up.
    });
  }

  private async stream(res: http.ServerResponse, data: Buffer, rate: number | undefined, chunkBytes?: number): Promise<boolean> {
    const chunk = chunkBytes ?? (rate ? Math.max(1024, Math.floor(rate / 20)) : 64 * 1024);
    for (let offset = 0; offset < data.length; offset += chunk) {
      if (res.destroyed) return false;
      const piece = data.subarray(offset, offset + chunk);
      this.bytesSent += piece.length;
      const more = res.write(piece);
      if (rate) await new Promise((resolve) => setTimeout(resolve, (piece.length / rate) * 1000));
      else if (!more) await new Promise((resolve) => res.once('drain', resolve));
    }
    return !res.destroyed;
  }
}
