// One entry point for calls from outside the process: validates with the shared zod schemas,
// then calls the API. Used by Electron IPC, the daemon's HTTP API and its WebSocket bridge alike.
import { apiArgSchemas, browserArgSchemas, isApiMethod, type ApiErrorPayload, type FerryApi } from '../../../shared/api.ts';
import { TransferError } from '../errors/transfer-error.ts';
import { classifyError } from '../errors/error-classify.ts';
import { firstIssue } from '../intake/validation.ts';
import { browserView } from './browser-view.ts';

export type RpcResult = { result: unknown } | ApiErrorPayload;

/**
 * Who is calling: the host's own side (the CLI with its token, the desktop app's window) or a
 * browser page logged in to the daemon, whose calls some schemas hold to more (no program to run)
 * and whose answers show no program's words (browser-view.ts).
 */
export type CallerKind = 'host' | 'browser';

export async function dispatch(api: FerryApi, method: unknown, args: unknown, caller: CallerKind): Promise<RpcResult> {
  try {
    if (!isApiMethod(method)) throw new TransferError('InvalidArgument', `unknown method ${JSON.stringify(method)}`);
    const schema = (caller === 'browser' ? browserArgSchemas[method] : undefined) ?? apiArgSchemas[method];
    const parsed = schema.safeParse(args ?? []);
    if (!parsed.success) {
      const { message, path } = firstIssue(parsed.error, 'invalid arguments');
      const status = method === 'createDownload' && path[1] === 'url' ? 'InvalidUri' : 'InvalidArgument';
      throw new TransferError(status, `${method}: ${message}`);
    }
    const call = api[method] as (...a: unknown[]) => Promise<unknown>;
    const result: unknown = await call.apply(api, parsed.data as unknown[]);
    return { result: caller === 'browser' ? browserView(method, result) : result };
  } catch (error) {
    return { error: classifyError(error).toInfo() };
  }
}
