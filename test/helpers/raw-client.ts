// Raw sockets to the daemon, for tests that misbehave on purpose (aborted requests, bad frames).
import net from 'node:net';
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';

export function daemonPort(url: string): number {
  return Number(new URL(url).port);
}

/** The CLI's token, read where the CLI reads it. */
export function cliToken(home: string): string {
  return (JSON.parse(fs.readFileSync(path.join(home, 'daemon.json'), 'utf8')) as { token: string }).token;
}

/** Sends raw bytes and resolves with whatever came back before the socket closed (or `waitMs`). */
export function rawExchange(port: number, data: Buffer | string, options: { waitMs?: number; reset?: boolean } = {}): Promise<string> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    let answer = '';
    const done = () => {
      clearTimeout(timer);
      resolve(answer);
    };
    const timer = setTimeout(() => {
      socket.destroy();
      done();
    }, options.waitMs ?? 2000);
    socket.on('connect', () => {
      socket.write(data);
      if (options.reset) socket.resetAndDestroy();
    });
    socket.on('data', (d: Buffer) => (answer += d.toString('latin1')));
    socket.on('error', () => undefined);
    socket.on('close', done);
  });
}

export function upgradeRequest(port: number, headers: Record<string, string> = {}, pathAndQuery = '/api/ws'): string {
  const lines = [
    `GET ${pathAndQuery} HTTP/1.1`,
    `Host: 127.0.0.1:${port}`,
    'Upgrade: websocket',
    'Connection: Upgrade',
    `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}`,
    'Sec-WebSocket-Version: 13',
    ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`),
  ];
  return `${lines.join('\r\n')}\r\n\r\n`;
}

/** One WebSocket frame, as a client would send it (masked unless told otherwise). */
export function frame(payload: Buffer, options: { opcode?: number; masked?: boolean; rsv1?: boolean; fin?: boolean } = {}): Buffer {
  const { opcode = 1, masked = true, rsv1 = false, fin = true } = options;
  const first = (fin ? 0x80 : 0) | (rsv1 ? 0x40 : 0) | opcode;
  const length = payload.length;
  let header: Buffer;
  if (length < 126) header = Buffer.from([first, (masked ? 0x80 : 0) | length]);
  else if (length < 65536) {
    header = Buffer.alloc(4);
    header[0] = first;
    header[1] = (masked ? 0x80 : 0) | 126;
    header.writeUInt16BE(length, 2);
  } else {
    header = Buffer.alloc(10);
    header[0] = first;
    header[1] = (masked ? 0x80 : 0) | 127;
    header.writeBigUInt64BE(BigInt(length), 2);
  }
  if (!masked) return Buffer.concat([header, payload]);
  const mask = randomBytes(4);
  const body = Buffer.from(payload);
  for (let i = 0; i < body.length; i++) body[i]! ^= mask[i % 4]!;
  return Buffer.concat([header, mask, body]);
}

/** Opens an authenticated WebSocket by hand, sends `frames` after the handshake, returns what came back. */
export function wsExchange(port: number, headers: Record<string, string>, frames: Buffer[], waitMs = 1500): Promise<string> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    let answer = '';
    let sent = false;
    const timer = setTimeout(() => socket.destroy(), waitMs);
    socket.on('connect', () => socket.write(upgradeRequest(port, headers)));
    socket.on('data', (d: Buffer) => {
      answer += d.toString('latin1');
      if (!sent && answer.includes('\r\n\r\n')) {
        sent = true;
        for (const f of frames) socket.write(f);
      }
    });
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearTimeout(timer);
      resolve(answer);
    });
  });
}

/**
 * Opens a connection, sends `data` (and `afterAnswer` once an answer begins) and holds it, sending
 * nothing more. Resolves with what came back and whether the daemon closed it within `maxMs`.
 */
export function holdOpen(port: number, data: Buffer | string, maxMs: number, afterAnswer?: Buffer): Promise<{ answer: string; closedByPeer: boolean }> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    let answer = '';
    const timer = setTimeout(() => {
      socket.destroy();
      resolve({ answer, closedByPeer: false });
    }, maxMs);
    socket.on('connect', () => socket.write(data));
    socket.on('data', (d: Buffer) => {
      if (!answer && afterAnswer) socket.write(afterAnswer);
      answer += d.toString('latin1');
    });
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearTimeout(timer);
      resolve({ answer, closedByPeer: true });
    });
  });
}

/** The resident memory of a process, in bytes (Linux). */
export function rssOf(pid: number): number {
  return Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) * 1024;
}

/**
 * An authenticated WebSocket client that sends `message` up to `count` times (as fast as TCP takes
 * them, for at most `sendMs`) and never reads an answer. `closed` resolves true once the daemon
 * closes it, false after `holdMs` (then it is closed here).
 */
export function wsNeverReading(port: number, headers: Record<string, string>, message: string, count: number, sendMs: number, holdMs: number): Promise<{ sent: number; closed: Promise<boolean> }> {
  return new Promise((resolveSent) => {
    const socket = net.connect(port, '127.0.0.1');
    let sent = 0;
    let head = '';
    let closedByPeer: (value: boolean) => void = () => undefined;
    const closed = new Promise<boolean>((resolve) => (closedByPeer = resolve));
    const holdTimer = setTimeout(() => {
      closedByPeer(false);
      socket.destroy();
    }, holdMs);
    // A paused socket notices its peer's close only when it writes: one more call now and then.
    let probe: NodeJS.Timeout | undefined;
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearTimeout(holdTimer);
      clearInterval(probe);
      closedByPeer(true);
      resolveSent({ sent, closed });
    });
    socket.on('connect', () => socket.write(upgradeRequest(port, headers)));
    const bytes = frame(Buffer.from(message));
    const onHead = (d: Buffer): void => {
      head += d.toString('latin1');
      if (!head.includes('\r\n\r\n')) return;
      socket.off('data', onHead);
      // Never read again: what the daemon sends piles up in its own buffers, as with a stuck client.
      socket.pause();
      const until = Date.now() + sendMs;
      const more = (): void => {
        while (sent < count && Date.now() < until && !socket.destroyed) {
          sent++;
          if (!socket.write(bytes)) return void socket.once('drain', more);
        }
        probe = setInterval(() => socket.write(bytes), 500);
        resolveSent({ sent, closed });
      };
      more();
    };
    socket.on('data', onHead);
  });
}

/**
 * PUTs `size` bytes to the daemon's staging area, with a Content-Length or chunked (as a browser
 * streams a dropped file). Resolves with the status, or 'closed' when the daemon ended it mid-body.
 */
export async function stagePut(port: number, headers: Record<string, string>, name: string, size: number, chunked: boolean): Promise<{ status: number | 'closed'; id?: string; error?: { status: string; message: string } }> {
  const piece = new Uint8Array(1024 * 1024);
  let sent = 0;
  const body = chunked
    ? new ReadableStream<Uint8Array>({
        pull(controller) {
          if (sent >= size) return controller.close();
          const chunk = piece.subarray(0, Math.min(piece.length, size - sent));
          sent += chunk.length;
          controller.enqueue(chunk);
        },
      })
    : Buffer.alloc(size);
  try {
    const response = await fetch(`http://127.0.0.1:${port}/api/staging?name=${encodeURIComponent(name)}`, { method: 'PUT', headers, body, duplex: 'half' } as RequestInit);
    const answer = (await response.json()) as { result?: { id: string }; error?: { status: string; message: string } };
    return { status: response.status, ...(answer.result ? { id: answer.result.id } : {}), ...(answer.error ? { error: answer.error } : {}) };
  } catch {
    return { status: 'closed' };
  }
}
