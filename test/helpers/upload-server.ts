// A server that receives uploads, for tests: raw PUT/POST bodies are hashed as they arrive, and
// multipart/form-data is parsed with busboy (a well-kept parser, not ours). Each request is kept
// (method, path, headers, sizes, sha256 of each file) for the test to check. Faults on request:
// answer a status with a body, reset the connection after some bytes, or read slowly.
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import { createHash } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import busboy from 'busboy';
import { afterEach, beforeEach } from 'vitest';
import { makeService, tempDir, writeRandomFile } from './engine.ts';
import type { TransferService, TransferServiceOptions } from '../../electron/engine/transfer-service.ts';

export interface ReceivedFile {
  field: string;
  filename: string;
  mimeType: string;
  size: number;
  sha256: string;
}

export interface ReceivedUpload {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  /** Raw bodies: bytes and their sha256. */
  size: number;
  sha256: string;
  /** Multipart: files and fields as busboy parsed them. */
  files: ReceivedFile[];
  fields: Array<{ name: string; value: string }>;
  /** Multipart: the part headers as sent (raw text between boundaries, for checking custom ones). */
  rawHead: string;
  complete: boolean;
}

export type UploadFault =
  | { kind: 'status'; code: number; body?: string; headers?: Record<string, string> }
  | { kind: 'resetAfter'; bytes: number }
  | { kind: 'slow'; bytesPerSecond: number }
  /** Stops reading after `bytes` (the sender's socket fills and stays full). */
  | { kind: 'stall'; bytes: number }
  /** Reads the whole body and never answers. */
  | { kind: 'noAnswer' };

export class UploadServer {
  private server: http.Server | null = null;
  readonly received: ReceivedUpload[] = [];
  private readonly faults = new Map<string, UploadFault[]>();
  /** What the server answers a good upload with (default 201 and a JSON summary). */
  answer: (upload: ReceivedUpload) => { status: number; body: string; headers?: Record<string, string> } = (u) => ({
    status: 201,
    body: JSON.stringify({ size: u.size, sha256: u.sha256, files: u.files }),
    headers: { 'content-type': 'application/json' },
  });

  private readonly tls: { key: string; cert: string } | null;

  /** With a key and certificate, the server speaks HTTPS. */
  constructor(tls: { key: string; cert: string } | null = null) {
    this.tls = tls;
  }

  async start(): Promise<this> {
    const handler = (req: http.IncomingMessage, res: http.ServerResponse) => this.handle(req, res);
    this.server = this.tls ? https.createServer(this.tls, handler) : http.createServer(handler);
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return this;
  }

  url(path: string): string {
    return `${this.tls ? 'https' : 'http'}://127.0.0.1:${(this.server!.address() as AddressInfo).port}${path}`;
  }

  /** Faults for the next requests to `path`, one per request, in order. */
  fault(path: string, ...faults: UploadFault[]): void {
    this.faults.set(path, [...(this.faults.get(path) ?? []), ...faults]);
  }

  for(path: string): ReceivedUpload[] {
    return this.received.filter((u) => u.path === path);
  }

  async close(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const path = (req.url ?? '/').split('?')[0]!;
    const fault = this.faults.get(path)?.shift();
    const upload: ReceivedUpload = { method: req.method ?? '', path, headers: req.headers, size: 0, sha256: '', files: [], fields: [], rawHead: '', complete: false };
    this.received.push(upload);
    if (fault?.kind === 'status') {
      req.resume();
      req.on('end', () => {
        res.writeHead(fault.code, { 'content-type': 'text/plain', ...fault.headers });
        res.end(fault.body ?? '');
      });
      return;
    }
    const hash = createHash('sha256');
    let head = '';
    req.on('data', (chunk: Buffer) => {
      upload.size += chunk.length;
      hash.update(chunk);
      if (head.length < 64 * 1024) head += chunk.toString('latin1').slice(0, 64 * 1024);
      if (fault?.kind === 'resetAfter' && upload.size >= fault.bytes) req.socket.destroy();
      if (fault?.kind === 'stall' && upload.size >= fault.bytes) req.pause();
      if (fault?.kind === 'slow') {
        req.pause();
        setTimeout(() => req.resume(), (1000 * chunk.length) / fault.bytesPerSecond);
      }
    });
    const finish = () => {
      if (fault?.kind === 'noAnswer') return;
      upload.sha256 = hash.digest('hex');
      upload.rawHead = head.replace(/\r\n\r\n[\s\S]*?(?=\r\n--)/g, '\r\n\r\n');
      upload.complete = true;
      const answer = this.answer(upload);
      res.writeHead(answer.status, answer.headers ?? {});
      res.end(answer.body);
    };
    if ((req.headers['content-type'] ?? '').startsWith('multipart/form-data')) {
      const parser = busboy({ headers: req.headers, limits: { fieldSize: 10 * 1024 * 1024 } });
      const pending: Array<Promise<void>> = [];
      parser.on('file', (field, stream, info) => {
        const fileHash = createHash('sha256');
        let size = 0;
        pending.push(new Promise((resolve) => {
          stream.on('data', (chunk: Buffer) => {
            size += chunk.length;
            fileHash.update(chunk);
          });
          stream.on('end', () => {
            upload.files.push({ field, filename: info.filename ?? '', mimeType: info.mimeType, size, sha256: fileHash.digest('hex') });
            resolve();
          });
        }));
      });
      parser.on('field', (name, value) => upload.fields.push({ name, value }));
      parser.on('close', () => void Promise.all(pending).then(finish));
      parser.on('error', () => {
        res.writeHead(400);
        res.end('bad multipart');
      });
      req.pipe(parser);
    } else {
      req.on('end', finish);
    }
    req.on('error', () => undefined);
  }
}

/** A receiving server, a work folder and an engine for each test of a file; `file` makes a random one there. */
export function useUploadTestBed(prefix: string, defaults: TransferServiceOptions['defaults'] = {}): { server: UploadServer; dir: string; service: TransferService; file(name: string, size: number): string } {
  const bed = {
    file: (name: string, size: number): string => writeRandomFile(bed.dir, name, size),
  } as { server: UploadServer; dir: string; service: TransferService; file(name: string, size: number): string };
  beforeEach(async () => {
    bed.server = await new UploadServer().start();
    bed.dir = tempDir(prefix);
    bed.service = await makeService(bed.dir, { defaults });
  });
  afterEach(async () => {
    await bed.service.shutdown();
    await bed.server.close();
    fs.rmSync(bed.dir, { recursive: true, force: true });
  });
  return bed;
}
