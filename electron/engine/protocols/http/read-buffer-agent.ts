// HTTP(S) connections that read into one buffer per socket instead of a new one per read.
// Why: Node's sockets allocate a fresh buffer for every read and the HTTP parser then copies the
// body out of it anyway. On a fast link those allocations (page faults, cold caches, garbage) were a
// quarter or more of the whole read path: 1 GiB from nginx on loopback, read to nowhere, took
// 0.70-0.95 s this way against 0.85-1.36 s with default sockets (HTTPS: 0.84-0.92 s against
// 1.02-1.16 s).
// How: the `onread` option of net.connect and tls.connect (documented for both) reads into our
// buffer and calls us back; we hand the bytes to the HTTP client as the 'data' event it listens
// for. The parser copies what it keeps (body chunks, header strings) before returning, so the
// buffer is free again when the call ends. Everything else is Node's own Agent (pooling, TLS
// sessions, options), which gets the option and passes it on.
import http from 'node:http';
import type https from 'node:https';
import type { Duplex } from 'node:stream';
import { ioBuffer } from '../../storage/aligned-memory.ts';

/**
 * Bigger reads mean fewer trips through the parser and the streams behind it per gigabyte; but the
 * parser copies each read's body into a new buffer, which waits for the garbage collector, so
 * smaller reads keep memory down (256 KiB: the same speed as 1 MiB in `npm run bench`).
 */
const READ_BUFFER_BYTES = 256 * 1024;

/**
 * The settings of Node's global agent, which requests used before: idle connections kept 5 s for
 * the retry or the next request, and proxies from the environment when Node is told to use them
 * (NODE_USE_ENV_PROXY=1). A connection Node makes for such a proxy does not get the buffer.
 */
function globalAgentSettings(global: http.Agent): http.AgentOptions {
  const { options } = global as unknown as { options?: http.AgentOptions };
  return { keepAlive: true, scheduling: 'lifo', timeout: 5000, ...options };
}

/** The `onread` option of net.connect and tls.connect. */
export interface ReadInto {
  buffer: Buffer;
  callback: (this: Duplex, read: number) => boolean;
}

/**
 * Reads into `buffer`, handing what was read to the socket's 'data' listeners (Node calls the
 * callback on the socket). Reading goes on unless a listener paused the socket (backpressure).
 * One buffer may serve many sockets: each read is handed on and copied out before the callback
 * returns, and JavaScript runs one callback at a time, so no two reads can overlap in it.
 */
function readInto(buffer: Buffer): ReadInto {
  return {
    buffer,
    callback(this: Duplex, read: number) {
      this.emit('data', buffer.subarray(0, read));
      return true;
    },
  };
}

/**
 * The process's read buffer, for the connections of the engine's own agents and of the plain
 * proxies' (proxy-agents.ts): a buffer per socket cost 1 MiB for each of a segmented download's up
 * to 16 connections. Page-aligned: the kernel copies into it several times faster (aligned-memory.ts).
 */
let shared: ReadInto | null = null;
export const sharedReadInto = (): ReadInto => (shared ??= readInto(ioBuffer(READ_BUFFER_BYTES)));

/** That buffer, for sockets that hand their reads on in their own way (FTP's data connections). */
export const sharedReadBuffer = (): Buffer => sharedReadInto().buffer;

/** Makes `agent` (Node's http or https Agent) open connections that read into one buffer. */
export function withReadBuffer<A extends http.Agent>(agent: A, readBufferBytes = READ_BUFFER_BYTES): A {
  const connect = agent.createConnection.bind(agent) as (options: http.ClientRequestArgs, callback?: unknown) => Duplex | null | undefined;
  let onread: ReadInto | null = null;
  // Nothing is read before the socket is returned: reading starts once it has connected.
  agent.createConnection = (options: http.ClientRequestArgs, callback?: unknown) =>
    connect({ ...options, onread: (onread ??= readBufferBytes === READ_BUFFER_BYTES ? sharedReadInto() : readInto(ioBuffer(readBufferBytes))) } as http.ClientRequestArgs, callback);
  return agent;
}

/**
 * Node's https, loaded when a request first needs it: with TLS it costs ~2.6 MiB of memory, which a
 * `ferry get` of an http URL does without.
 */
const httpsModule = (): typeof https => process.getBuiltinModule('node:https');

let plain: http.Agent | null = null;
let secure: https.Agent | null = null;

/**
 * The module and agent a request to `url` goes through (connections are pooled per host): every
 * request of the engine uses these.
 */
export function transportFor(url: URL): { module: typeof http | typeof https; agent: http.Agent } {
  if (url.protocol !== 'https:') {
    plain ??= withReadBuffer(new http.Agent(globalAgentSettings(http.globalAgent)));
    return { module: http, agent: plain };
  }
  const module = httpsModule();
  secure ??= withReadBuffer(new module.Agent(globalAgentSettings(module.globalAgent)));
  return { module, agent: secure };
}
