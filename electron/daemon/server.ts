// The daemon's HTTP side: a token-guarded RPC endpoint on loopback (and, later, the web UI).
import http from 'node:http';
import { timingSafeEqual } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { FerryApi } from '../../shared/api.ts';
import { dispatch } from './rpc.ts';

const MAX_BODY = 1024 * 1024;

export function tokenMatches(given: string | null | undefined, token: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

function bearer(request: http.IncomingMessage): string | null {
  const header = request.headers.authorization;
  return header?.startsWith('Bearer ') ? header.slice(7) : null;
}

function send(response: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  response.end(text);
}

async function readJson(request: http.IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw new Error('request body too large');
    chunks.push(chunk as Buffer);
  }
  return JSON.parse(Buffer.concat(chunks).toString('utf8'));
}

export interface DaemonServer {
  server: http.Server;
  port: number;
  close(): Promise<void>;
}

export async function startServer(api: FerryApi, options: { host: string; port: number; token: string }): Promise<DaemonServer> {
  const server = http.createServer((request, response) => {
    void handle(request, response).catch((error: unknown) => {
      if (!response.headersSent) send(response, 400, { error: { status: 'InvalidArgument', message: (error as Error).message, httpStatus: null } });
      else response.destroy();
    });
  });

  async function handle(request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (url.pathname === '/api/rpc') {
      if (!tokenMatches(bearer(request), options.token)) {
        send(response, 401, { error: { status: 'Unauthorized', message: 'missing or wrong token', httpStatus: 401 } });
        return;
      }
      if (request.method !== 'POST') {
        send(response, 405, { error: { status: 'InvalidArgument', message: 'use POST', httpStatus: 405 } });
        return;
      }
      const body = (await readJson(request)) as { method?: unknown; args?: unknown };
      send(response, 200, await dispatch(api, body.method, body.args));
      return;
    }
    if (url.pathname === '/' && tokenMatches(url.searchParams.get('token'), options.token)) {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      response.end('<!doctype html><title>Ferry</title><p>The Ferry daemon is running. The web UI is not built into this version.</p>');
      return;
    }
    send(response, url.pathname === '/' ? 401 : 404, { error: { status: url.pathname === '/' ? 'Unauthorized' : 'NotFound', message: 'not found or not allowed', httpStatus: null } });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return {
    server,
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
