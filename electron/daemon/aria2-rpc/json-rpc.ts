// One JSON-RPC message (a call, or a batch of them) in, its answer out, as aria2 frames them:
// `{id, jsonrpc: "2.0", result | error}`. Every aria2.* call carries the secret as its first
// parameter; system.multicall carries it in each call inside; system.listMethods and
// system.listNotifications need none (as in aria2: they say nothing about the downloads).
import type { EngineCalls } from './engine-calls.ts';
import { METHODS, NOTIFICATIONS } from './methods.ts';
import { Aria2RpcError, errorBody, INVALID_REQUEST, METHOD_NOT_FOUND, PARSE_ERROR } from './rpc-error.ts';
import type { SecretGuard } from './secret-guard.ts';

/** A batch longer than this is refused whole (aria2 has no bound; one keeps a client's cost small). */
export const MAX_BATCH = 1000;

type Answer = { id: unknown; jsonrpc: '2.0' } & ({ result: unknown } | { error: { code: number; message: string } });

export interface Handled {
  /** What to send back (null: nothing, for an empty message). */
  reply: Answer | Answer[] | null;
  /** Whether some call in it presented the right secret (a WebSocket then hears notifications). */
  authenticated: boolean;
}

const OPEN_METHODS = new Set(['system.listMethods', 'system.listNotifications']);
const ALL_METHODS = [...Object.keys(METHODS), 'system.multicall', ...OPEN_METHODS];

export class JsonRpc {
  private readonly engine: EngineCalls;
  private readonly guard: SecretGuard;

  constructor(engine: EngineCalls, guard: SecretGuard) {
    this.engine = engine;
    this.guard = guard;
  }

  async handle(raw: string): Promise<Handled> {
    let message: unknown;
    try {
      message = JSON.parse(raw);
    } catch {
      return { reply: failure(null, new Aria2RpcError('Parse error: the message is not JSON', PARSE_ERROR)), authenticated: false };
    }
    const state = { authenticated: false };
    if (!Array.isArray(message)) return { reply: await this.one(message, state), authenticated: state.authenticated };
    if (message.length === 0 || message.length > MAX_BATCH) {
      return { reply: failure(null, new Aria2RpcError(`Invalid Request: a batch holds 1 to ${MAX_BATCH} calls`, INVALID_REQUEST)), authenticated: false };
    }
    const replies: Answer[] = [];
    // One after another, as written: a batch that adds then asks sees its add.
    for (const call of message) replies.push(await this.one(call, state));
    return { reply: replies, authenticated: state.authenticated };
  }

  private async one(call: unknown, state: { authenticated: boolean }): Promise<Answer> {
    const id = typeof call === 'object' && call !== null && 'id' in call ? (call as { id: unknown }).id : null;
    try {
      if (typeof call !== 'object' || call === null || Array.isArray(call)) throw new Aria2RpcError('Invalid Request: a call is an object with method and params', INVALID_REQUEST);
      const { method, params } = call as { method?: unknown; params?: unknown };
      if (typeof method !== 'string') throw new Aria2RpcError('Invalid Request: the call has no method', INVALID_REQUEST);
      if (params !== undefined && !Array.isArray(params)) throw new Aria2RpcError('Invalid Request: params must be a list', INVALID_REQUEST);
      return { id, jsonrpc: '2.0', result: await this.run(method, params ?? [], state) };
    } catch (error) {
      return failure(id, error);
    }
  }

  private async run(method: string, params: unknown[], state: { authenticated: boolean }): Promise<unknown> {
    if (method === 'system.listMethods') return ALL_METHODS;
    if (method === 'system.listNotifications') return NOTIFICATIONS;
    if (method === 'system.multicall') return this.multicall(params[0], state);
    const handler = Object.hasOwn(METHODS, method) ? METHODS[method] : undefined;
    if (!handler) throw new Aria2RpcError(`Method not found: Ferry does not answer ${method.slice(0, 100)}`, METHOD_NOT_FOUND);
    this.guard.check(params[0]);
    state.authenticated = true;
    return handler(this.engine, params.slice(1));
  }

  /** Each call's result as [result], or its error as {code, message}, as XML-RPC's multicall says. */
  private async multicall(calls: unknown, state: { authenticated: boolean }): Promise<unknown[]> {
    if (!Array.isArray(calls) || calls.length > MAX_BATCH) throw new Aria2RpcError(`system.multicall takes a list of up to ${MAX_BATCH} {methodName, params}`);
    const results: unknown[] = [];
    for (const call of calls) {
      try {
        const { methodName, params } = (call ?? {}) as { methodName?: unknown; params?: unknown };
        if (typeof methodName !== 'string' || (params !== undefined && !Array.isArray(params))) throw new Aria2RpcError('system.multicall: each call is {methodName, params}');
        if (methodName === 'system.multicall') throw new Aria2RpcError('system.multicall cannot call itself');
        results.push([await this.run(methodName, params ?? [], state)]);
      } catch (error) {
        results.push(errorBody(error));
      }
    }
    return results;
  }
}

function failure(id: unknown, error: unknown): Answer {
  return { id, jsonrpc: '2.0', error: errorBody(error) };
}
