// Builds a typed FerryApi over any transport (HTTP, WebSocket, Electron IPC).
import type { ApiMethod, FerryApi } from './api.ts';
import { API_METHOD_NAMES } from './api-methods.ts';
import type { TransferErrorInfo } from './errors.ts';

export type Invoke = (method: ApiMethod, args: unknown[]) => Promise<unknown>;

/** A failed call, carrying the engine's error status. */
export class RemoteError extends Error {
  readonly info: TransferErrorInfo;
  constructor(info: TransferErrorInfo) {
    super(info.message);
    this.name = 'RemoteError';
    this.info = info;
  }
}

export function createApiProxy(invoke: Invoke): FerryApi {
  const api: Record<string, (...args: unknown[]) => Promise<unknown>> = {};
  for (const method of API_METHOD_NAMES) api[method] = (...args: unknown[]) => invoke(method, args);
  return api as unknown as FerryApi;
}

/** Unwraps a `{result}` / `{error}` payload as every transport sends it. */
export function unwrapPayload(payload: unknown): unknown {
  if (payload && typeof payload === 'object' && 'error' in payload) {
    throw new RemoteError((payload as { error: TransferErrorInfo }).error);
  }
  if (payload && typeof payload === 'object' && 'result' in payload) return (payload as { result: unknown }).result;
  throw new RemoteError({ status: 'Unknown', message: 'malformed answer from Ferry', httpStatus: null });
}
