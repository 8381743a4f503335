// Flow control for one WebSocket client. A client that sends calls and never reads the answers
// once made the daemon buffer every answer until it ran out of heap. Here the client's calls are
// taken only while its unsent answers stay under a bound: past it the socket is not read (the
// client's own sends back up in TCP), and a client that stays past it is closed. Events it cannot
// take yet are merged (EventCoalescer), never queued.
import type { WebSocket } from 'ws';
import type { EventName, WsServerMessage } from '../../shared/api.ts';
import { formatBytes } from '../../shared/format-bytes.ts';
import { EventCoalescer } from './event-coalescer.ts';

/** Unsent bytes (ws's bufferedAmount) past which the client's calls are no longer read. */
export const MAX_UNSENT_BYTES = 8 * 1024 * 1024;
/** Past this, events wait merged until the client has read what it was sent. */
const EVENT_BACKLOG_BYTES = 1024 * 1024;
/** Calls of one client being answered at once (an answer is built before it counts as unsent). */
const MAX_CALLS_IN_FLIGHT = 16;
/** A client past MAX_UNSENT_BYTES this long is not reading at all: it is closed. */
export const SLOW_CLIENT_CLOSE_MS = 30_000;
const CHECK_MS = 100;

export class ClientFlow {
  private readonly calls: string[] = [];
  private inFlight = 0;
  private readonly held = new EventCoalescer();
  private overSince: number | null = null;
  private timer: NodeJS.Timeout | null = null;
  private readonly socket: WebSocket;
  private readonly answer: (raw: string) => Promise<WsServerMessage | null>;
  private readonly warn: (message: string) => void;

  /** `answer` turns one received message into the reply to send (null: none). */
  constructor(socket: WebSocket, answer: (raw: string) => Promise<WsServerMessage | null>, warn: (message: string) => void) {
    this.socket = socket;
    this.answer = answer;
    this.warn = warn;
  }

  received(raw: string): void {
    this.calls.push(raw);
    this.pump();
  }

  event(event: EventName, payload: unknown): void {
    if (this.held.empty && this.socket.bufferedAmount < EVENT_BACKLOG_BYTES) return this.send({ event, payload } as WsServerMessage);
    this.held.add(event, payload as never);
    this.watch();
  }

  closed(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.calls.length = 0;
  }

  private send(message: WsServerMessage): void {
    if (this.socket.readyState === this.socket.OPEN) this.socket.send(JSON.stringify(message));
  }

  /** Answers the calls waiting while there is room; stops reading the socket while there is not. */
  private pump(): void {
    while (this.calls.length && this.inFlight < MAX_CALLS_IN_FLIGHT && this.socket.bufferedAmount < MAX_UNSENT_BYTES) {
      const raw = this.calls.shift()!;
      this.inFlight++;
      void this.answer(raw).then((message) => {
        this.inFlight--;
        if (message) this.send(message);
        this.pump();
      });
    }
    if (this.socket.readyState !== this.socket.OPEN) return;
    // ws may still hand over the messages of data it already read: they wait in `calls`.
    if (this.calls.length || this.socket.bufferedAmount >= MAX_UNSENT_BYTES) {
      if (!this.socket.isPaused) this.socket.pause();
      this.watch();
    } else if (this.socket.isPaused) {
      this.socket.resume();
    }
  }

  /** While the client is behind: checks (ws has no drain event) until it has caught up. */
  private watch(): void {
    this.timer ??= setInterval(() => this.check(), CHECK_MS);
  }

  private check(): void {
    const unsent = this.socket.bufferedAmount;
    if (unsent >= MAX_UNSENT_BYTES) {
      this.overSince ??= Date.now();
      if (Date.now() - this.overSince >= SLOW_CLIENT_CLOSE_MS) {
        this.warn(`closed a browser connection that read none of its answers for ${SLOW_CLIENT_CLOSE_MS / 1000} s (${formatBytes(unsent)} unsent); it can reconnect`);
        this.closed();
        this.socket.terminate();
        return;
      }
    } else {
      this.overSince = null;
    }
    if (!this.held.empty && unsent < EVENT_BACKLOG_BYTES) for (const message of this.held.take()) this.send(message as WsServerMessage);
    this.pump();
    if (this.held.empty && !this.calls.length && !this.socket.isPaused && this.overSince === null && this.timer) {
      clearInterval(this.timer);
      this.timer = null;
    }
  }
}
