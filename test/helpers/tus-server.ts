// A tus 1.0 server for tests: @tus/server with its file store in a temp folder, on 127.0.0.1, keeping
// each request's method and answer. (How much was sent twice is counted by ThrottleProxy.)
import fs from 'node:fs';
import path from 'node:path';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from '@tus/server';
import { FileStore } from '@tus/file-store';

export class TusTestServer {
  private http: http.Server | null = null;
  readonly dir: string;
  readonly requests: Array<{ method: string; url: string; status: number }> = [];

  constructor(dir: string) {
    this.dir = dir;
  }

  async start(): Promise<this> {
    fs.mkdirSync(this.dir, { recursive: true });
    const tus = new Server({ path: '/files', datastore: new FileStore({ directory: this.dir }) });
    this.http = http.createServer((req, res) => {
      res.on('finish', () => this.requests.push({ method: req.method ?? '', url: req.url ?? '', status: res.statusCode }));
      void tus.handle(req, res);
    });
    await new Promise<void>((resolve) => this.http!.listen(0, '127.0.0.1', resolve));
    return this;
  }

  get endpoint(): string {
    return `http://127.0.0.1:${(this.http!.address() as AddressInfo).port}/files`;
  }

  /** The stored bytes of the upload at `uploadUrl` (its last path segment is the file's id). */
  fileFor(uploadUrl: string): string {
    return path.join(this.dir, new URL(uploadUrl).pathname.split('/').pop()!);
  }

  async close(): Promise<void> {
    this.http?.closeAllConnections();
    await new Promise<void>((resolve) => (this.http ? this.http.close(() => resolve()) : resolve()));
  }
}
