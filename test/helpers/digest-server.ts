// An HTTP server behind Digest authentication (RFC 7616), written from the RFC independently of
// Ferry's client: MD5 or SHA-256, plain or -sess, qop=auth. It serves files (with ranges, for
// segmented downloads) and takes PUTs (honouring Expect: 100-continue: a request whose login is
// wrong is answered 401 before its body is read). It can declare a nonce stale once, and logs each
// request with what the client sent and how many body bytes came.
import http from 'node:http';
import { createHash, randomBytes } from 'node:crypto';
import type { Socket } from 'node:net';
import { listenOnLoopback, openSockets } from './loopback.ts';

export type DigestAlgorithm = 'MD5' | 'SHA-256' | 'MD5-sess' | 'SHA-256-sess';

export interface DigestLog {
  method: string;
  path: string;
  /** The scheme of the Authorization sent (Basic, Digest), or null. */
  scheme: string | null;
  /** The nc the client sent (Digest). */
  nc: string | null;
  status: number;
  /** Body bytes that reached the server. */
  bodyBytes: number;
  expect: boolean;
}

function params(header: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of header.replace(/^Digest\s+/i, '').matchAll(/([a-z0-9-]+)=("((?:[^"\\]|\\.)*)"|[^,\s]*)/gi)) out[m[1]!.toLowerCase()] = m[3] ?? m[2]!;
  return out;
}

export class DigestServer {
  readonly log: DigestLog[] = [];
  readonly stored = new Map<string, Buffer>();
  private readonly files = new Map<string, Buffer>();
  private readonly server: http.Server;
  private readonly sockets: Set<Socket>;
  private nonce = randomBytes(12).toString('hex');
  private readonly realm = 'ferry-digest@127.0.0.1';
  private port = 0;
  /** After this many accepted requests the nonce turns stale (once): null, never. */
  staleAfter: number | null = null;
  private accepted = 0;

  private readonly login: { user: string; password: string };
  private readonly algorithm: DigestAlgorithm;

  /** `silentOnExpect`: never say 100 Continue (the client must send the body anyway). */
  constructor(login: { user: string; password: string }, algorithm: DigestAlgorithm, options: { silentOnExpect?: boolean } = {}) {
    this.login = login;
    this.algorithm = algorithm;
    this.server = http.createServer((req, res) => this.handle(req, res));
    // A PUT that asks to continue is judged before its body: a wrong login never gets it.
    this.server.on('checkContinue', (req: http.IncomingMessage, res: http.ServerResponse) => {
      if (this.check(req) === 'ok' && !options.silentOnExpect) res.writeContinue();
      this.handle(req, res);
    });
    this.sockets = openSockets(this.server);
  }

  async start(): Promise<this> {
    this.port = await listenOnLoopback(this.server);
    return this;
  }

  url(path: string): string {
    return `http://127.0.0.1:${this.port}${path}`;
  }

  serve(path: string, body: Buffer): void {
    this.files.set(path, body);
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private hash(text: string): string {
    return createHash(this.algorithm.startsWith('SHA-256') ? 'sha256' : 'md5').update(text).digest('hex');
  }

  private challenge(stale: boolean): string {
    return `Digest realm="${this.realm}", qop="auth", algorithm=${this.algorithm}, nonce="${this.nonce}", opaque="op-${this.port}"${stale ? ', stale=true' : ''}`;
  }

  /** 'ok', 'stale' (right login, old nonce) or 'refused'. */
  private check(req: http.IncomingMessage): 'ok' | 'stale' | 'refused' {
    const header = req.headers.authorization ?? '';
    if (!/^Digest /i.test(header)) return 'refused';
    const p = params(header);
    if (p['username'] !== this.login.user || p['realm'] !== this.realm || p['uri'] !== req.url || p['qop'] !== 'auth' || p['opaque'] !== `op-${this.port}`) return 'refused';
    if ((p['algorithm'] ?? 'MD5') !== this.algorithm) return 'refused';
    let ha1 = this.hash(`${this.login.user}:${this.realm}:${this.login.password}`);
    if (this.algorithm.endsWith('-sess')) ha1 = this.hash(`${ha1}:${p['nonce']}:${p['cnonce']}`);
    const ha2 = this.hash(`${req.method}:${p['uri']}`);
    const expected = this.hash(`${ha1}:${p['nonce']}:${p['nc']}:${p['cnonce']}:auth:${ha2}`);
    if (p['response'] !== expected) return 'refused';
    return p['nonce'] === this.nonce ? 'ok' : 'stale';
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const header = req.headers.authorization;
    const entry: DigestLog = {
      method: req.method ?? '',
      path,
      scheme: header ? header.split(' ')[0]! : null,
      nc: header ? (params(header)['nc'] ?? null) : null,
      status: 0,
      bodyBytes: 0,
      expect: req.headers.expect === '100-continue',
    };
    this.log.push(entry);
    req.on('data', (chunk: Buffer) => (entry.bodyBytes += chunk.length));
    const verdict = this.check(req);
    if (verdict !== 'ok') {
      entry.status = 401;
      // Unread bodies are not waited for: the answer goes at once and the connection closes.
      res.writeHead(401, { 'www-authenticate': this.challenge(verdict === 'stale'), 'content-type': 'text/plain', connection: 'close' }).end('login needed');
      return;
    }
    this.accepted += 1;
    if (this.staleAfter !== null && this.accepted >= this.staleAfter) {
      this.staleAfter = null;
      this.nonce = randomBytes(12).toString('hex');
    }
    if (req.method === 'PUT') {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        this.stored.set(path, Buffer.concat(chunks));
        entry.status = 201;
        res.writeHead(201, { 'content-type': 'text/plain' }).end('stored');
      });
      return;
    }
    const file = this.files.get(path);
    if (!file) {
      entry.status = 404;
      res.writeHead(404).end();
      return;
    }
    const range = /^bytes=(\d+)-(\d*)$/.exec(req.headers.range ?? '');
    const etag = `"${createHash('sha256').update(file).digest('hex').slice(0, 16)}"`;
    const headers: Record<string, string> = { 'content-type': 'application/octet-stream', 'accept-ranges': 'bytes', etag };
    let start = 0;
    let end = file.length - 1;
    entry.status = 200;
    if (range && (!req.headers['if-range'] || req.headers['if-range'] === etag)) {
      start = Number(range[1]);
      if (range[2]) end = Math.min(Number(range[2]), end);
      entry.status = 206;
      headers['content-range'] = `bytes ${start}-${end}/${file.length}`;
    }
    headers['content-length'] = String(end + 1 - start);
    res.writeHead(entry.status, headers).end(file.subarray(start, end + 1));
  }
}
