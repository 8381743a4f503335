// How a browser gets in without any credential that a browser would send on its own.
//
// The CLI's token (home/token, 0600) never reaches a browser. `ferry daemon` and `ferry ui` print
// a login URL with a one-time code in its fragment (never sent over the network); the page trades
// the code for a session, keeps it in its own origin's storage (per scheme, host and port: no other
// port or site can read it) and sends it explicitly (Authorization header, WebSocket subprotocol).
// A session is the token's HMAC of when it was issued: it survives daemon restarts, and changing
// the token (`ferry logout`, or deleting the file) ends every session at once.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

const CODE_TTL_MS = 15 * 60 * 1000;
const TICKET_TTL_MS = 60 * 1000;
/**
 * A stream link is asked again by a media player (each seek is a new Range request), so it stays
 * good for its one transfer while it is used: until this long without a request, at most a day.
 */
const STREAM_IDLE_MS = 10 * 60 * 1000;
const STREAM_MAX_MS = 24 * 3600 * 1000;
const SESSION_TTL_MS = 30 * 24 * 3600 * 1000;
/** Outstanding codes or tickets beyond this are dropped oldest first (they are cheap to remake). */
const MAX_PENDING = 256;

export function secretsEqual(given: string | null | undefined, expected: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** One-time secrets with an expiry (login codes, file tickets), bounded in number. */
class OneTimeSecrets<T> {
  private readonly pending = new Map<string, { value: T; expires: number }>();
  private readonly ttlMs: number;
  constructor(ttlMs: number) {
    this.ttlMs = ttlMs;
  }
  issue(value: T, now = Date.now()): string {
    for (const [key, entry] of this.pending) if (entry.expires <= now) this.pending.delete(key);
    while (this.pending.size >= MAX_PENDING) this.pending.delete(this.pending.keys().next().value!);
    const secret = randomBytes(24).toString('base64url');
    this.pending.set(secret, { value, expires: now + this.ttlMs });
    return secret;
  }
  /** The value, once: a second use (or a late one) gets null. */
  take(secret: string | null, now = Date.now()): T | null {
    if (!secret) return null;
    const entry = this.pending.get(secret);
    if (!entry) return null;
    this.pending.delete(secret);
    return entry.expires > now ? entry.value : null;
  }
  clear(): void {
    this.pending.clear();
  }
}

/** Tickets for one transfer's stream, good while used (see STREAM_IDLE_MS), bounded in number. */
class StreamTickets {
  private readonly pending = new Map<string, { id: string; idleUntil: number; until: number }>();
  issue(id: string, now = Date.now()): string {
    for (const [key, entry] of this.pending) if (Math.min(entry.idleUntil, entry.until) <= now) this.pending.delete(key);
    while (this.pending.size >= MAX_PENDING) this.pending.delete(this.pending.keys().next().value!);
    const secret = randomBytes(24).toString('base64url');
    this.pending.set(secret, { id, idleUntil: now + STREAM_IDLE_MS, until: now + STREAM_MAX_MS });
    return secret;
  }
  valid(secret: string | null, id: string, now = Date.now()): boolean {
    const entry = secret ? this.pending.get(secret) : undefined;
    if (!entry || entry.id !== id) return false;
    if (Math.min(entry.idleUntil, entry.until) <= now) {
      this.pending.delete(secret!);
      return false;
    }
    entry.idleUntil = now + STREAM_IDLE_MS;
    return true;
  }
  clear(): void {
    this.pending.clear();
  }
}

export class BrowserLogin {
  private readonly codes = new OneTimeSecrets<true>(CODE_TTL_MS);
  private readonly tickets = new OneTimeSecrets<string>(TICKET_TTL_MS);
  private readonly streams = new StreamTickets();
  private token: string;

  constructor(token: string) {
    this.token = token;
  }

  get cliToken(): string {
    return this.token;
  }

  /** A new token: every session, code and ticket made with the old one stops working. */
  rotate(token: string): void {
    this.token = token;
    this.codes.clear();
    this.tickets.clear();
    this.streams.clear();
  }

  newLoginCode(): string {
    return this.codes.issue(true);
  }

  /** Trades a login code for a session, once. */
  redeem(code: string | null, now = Date.now()): string | null {
    if (!this.codes.take(code, now)) return null;
    const body = `s1.${now.toString(36)}.${randomBytes(9).toString('base64url')}`;
    return `${body}.${this.mac(body)}`;
  }

  sessionValid(session: string | null, now = Date.now()): boolean {
    if (!session) return false;
    const match = /^(s1\.([0-9a-z]+)\.[\w-]+)\.([\w-]+)$/.exec(session);
    if (!match) return false;
    const issued = parseInt(match[2]!, 36);
    if (!(issued <= now && now - issued < SESSION_TTL_MS)) return false;
    return secretsEqual(match[3], this.mac(match[1]!));
  }

  /** A one-time link to one finished file (a plain link cannot carry a header). */
  newFileTicket(id: string): string {
    return this.tickets.issue(id);
  }

  fileTicketValid(ticket: string | null, id: string): boolean {
    return this.tickets.take(ticket) === id;
  }

  /** A link to one download's bytes as they arrive, for a player (see StreamTickets). */
  newStreamTicket(id: string): string {
    return this.streams.issue(id);
  }

  streamTicketValid(ticket: string | null, id: string): boolean {
    return this.streams.valid(ticket, id);
  }

  private mac(body: string): string {
    return createHmac('sha256', this.token).update(body).digest('base64url');
  }
}
