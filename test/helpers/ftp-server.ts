// An FTP server for the tests (ftp-srv) on 127.0.0.1, serving a folder: anonymous or one user,
// optionally explicit TLS (AUTH TLS), optionally slow, and a record of every RETR with the offset
// its REST asked for. ftp-srv's pitfalls, handled here: it answers PASV with its `pasv_url` (given:
// 127.0.0.1), takes passive ports from a range (a free block of its own, so parallel test files do
// not collide), logs every command through bunyan (silenced), its TLS option serves both the
// control and the data connections, and its AUTH TLS raced the client (replaced: see below).
import { createReadStream } from 'node:fs';
import { createRequire } from 'node:module';
import tls from 'node:tls';
import { Transform, type Readable } from 'node:stream';
import { FtpSrv, FileSystem } from 'ftp-srv';
import { freePort } from './web-servers.ts';

export interface FtpRead {
  path: string;
  start: number;
}

export interface FtpServerOptions {
  /** Else anonymous logins (only) are taken. */
  user?: { name: string; password: string };
  tls?: { key: string; cert: string };
  /** ftps://: TLS from the first byte (implicit), not AUTH TLS. */
  implicit?: boolean;
  /** Serve each connection at most this fast (bytes per second). */
  rate?: number;
}

/** bunyan's interface, saying nothing. */
const quiet = {
  child: () => quiet,
  trace: () => undefined,
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  fatal: () => undefined,
};

/** What ftp-srv's AUTH handler uses of its connection (ftp-srv has no types for it). */
interface AuthConnection {
  commandSocket: NodeJS.EventEmitter & { write(text: string): boolean };
  secure: boolean;
  server: { options: { tls?: tls.SecureContextOptions } };
  reply(code: number): Promise<unknown>;
}

/**
 * ftp-srv's AUTH TLS wraps the command socket in TLS only after its "234" reply is written and a
 * bluebird promise (scheduled with setImmediate) resolved, a turn of the event loop later. A client
 * in another process (`ferry get`) that answered 234 with its ClientHello quickly on a busy machine
 * had it read as plain-text commands, and the plain-text answer came back where TLS was due:
 * OpenSSL's "wrong version number", 1 run in many under load. Here the socket is wrapped in the same
 * tick as the reply is written, before anything more can be read from it.
 */
function authTlsWithoutRace(): void {
  const registry = createRequire(import.meta.url)('ftp-srv/src/commands/registry.js') as Record<string, { handler: (this: AuthConnection, args: { command: { arg?: string } }) => unknown }>;
  registry['AUTH']!.handler = function (this: AuthConnection, { command }) {
    if ((command.arg ?? '').toUpperCase() !== 'TLS') return this.reply(504);
    const options = this.server.options.tls;
    if (!options) return this.reply(502);
    if (this.secure) return this.reply(202);
    const plain = this.commandSocket;
    plain.write('234 Honored\r\n');
    const secure = new tls.TLSSocket(plain as never, { isServer: true, secureContext: tls.createSecureContext(options) });
    // ftp-srv listens on the plain socket: what the TLS socket says goes there, as in ftp-srv's own.
    for (const event of ['data', 'timeout', 'end', 'close', 'drain', 'error']) secure.on(event, (...args: unknown[]) => plain.emit(event, ...args));
    this.commandSocket = secure as unknown as AuthConnection['commandSocket'];
    this.secure = true;
    return Promise.resolve();
  };
}
authTlsWithoutRace();

/** Paces a stream to `rate` bytes per second, in 16 KiB steps. */
function paced(source: Readable, rate: number): Readable {
  const started = Date.now();
  let sent = 0;
  const pacer = new Transform({
    highWaterMark: 16 * 1024,
    transform(chunk: Buffer, _encoding, callback) {
      const step = 16 * 1024;
      const pieces: Buffer[] = [];
      for (let at = 0; at < chunk.length; at += step) pieces.push(chunk.subarray(at, at + step));
      const next = (): void => {
        const piece = pieces.shift();
        if (!piece) return callback();
        sent += piece.length;
        this.push(piece);
        setTimeout(next, Math.max(0, started + (sent / rate) * 1000 - Date.now()));
      };
      next();
    },
  });
  source.on('error', (error) => pacer.destroy(error));
  pacer.on('close', () => source.destroy());
  return source.pipe(pacer);
}

export class FtpTestServer {
  readonly reads: FtpRead[] = [];
  /** Control connections accepted so far. */
  connections = 0;
  /** Logins accepted, and whether each came over TLS. */
  readonly logins: Array<{ user: string; secure: boolean }> = [];
  port = 0;
  private server: FtpSrv | null = null;
  private readonly root: string;
  private readonly options: FtpServerOptions;

  constructor(root: string, options: FtpServerOptions = {}) {
    this.root = root;
    this.options = options;
  }

  url(file: string): string {
    return `${this.options.implicit ? 'ftps' : 'ftp'}://127.0.0.1:${this.port}${file}`;
  }

  /** The RETRs of `file` (its path as the client asked), in order. */
  readsOf(file: string): number[] {
    return this.reads.filter((read) => read.path === file).map((read) => read.start);
  }

  async start(): Promise<this> {
    this.port = await freePort();
    const pasvMin = 20_000 + Math.floor(Math.random() * 400) * 100;
    const reads = this.reads;
    const rate = this.options.rate;
    class RecordingFileSystem extends FileSystem {
      override read(fileName: string, { start }: { start?: number } = {}): Promise<{ stream: Readable; clientPath: string }> {
        reads.push({ path: fileName, start: start ?? 0 });
        return Promise.resolve(super.read(fileName, { start })).then((answer: { stream: Readable; clientPath: string }) => {
          const fsPath = (answer.stream as Readable & { path: string }).path;
          const stream = rate ? paced(createReadStream(fsPath, { start: start ?? 0 }), rate) : answer.stream;
          if (rate) answer.stream.destroy();
          return { stream, clientPath: answer.clientPath };
        });
      }
    }
    const server = new FtpSrv({
      url: this.url(''),
      pasv_url: '127.0.0.1',
      pasv_min: pasvMin,
      pasv_max: pasvMin + 99,
      anonymous: !this.options.user,
      greeting: 'Ferry test server',
      log: quiet as never,
      ...(this.options.tls ? { tls: this.options.tls } : {}),
    });
    (server as unknown as NodeJS.EventEmitter).on('connect', () => this.connections++);
    server.on('login', ({ connection, username, password }, resolve, reject) => {
      const user = this.options.user;
      if (user ? username === user.name && password === user.password : username === 'anonymous') {
        this.logins.push({ user: username, secure: Boolean(connection.secure) });
        resolve({ fs: new RecordingFileSystem(connection, { root: this.root, cwd: '/' }) });
      } else reject(new Error('Login incorrect'));
    });
    await server.listen();
    this.server = server;
    return this;
  }

  async close(): Promise<void> {
    await this.server?.close();
  }
}
