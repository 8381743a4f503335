// The engine as the RPC uses it: every call through the hosts' one entry (dispatch: the shared zod
// schemas check it), a failure as aria2's error with the engine's words; transfers found by gid.
import type { ApiArgs, ApiMethod, ApiResult, FerryApi } from '../../../shared/api.ts';
import type { TransferSnapshot } from '../../../shared/model.ts';
import { dispatch } from '../../engine/service/dispatch.ts';
import { gidOf, isGid } from './gid.ts';
import { Aria2RpcError } from './rpc-error.ts';

export class EngineCalls {
  private readonly api: FerryApi;

  constructor(api: FerryApi) {
    this.api = api;
  }

  async call<M extends ApiMethod>(method: M, ...args: ApiArgs<M>): Promise<ApiResult<M>> {
    // Web UIs call the RPC: held to what a browser page may ask (no program to run).
    const answer = await dispatch(this.api, method, args, 'browser');
    if ('error' in answer) throw new Aria2RpcError(answer.error.message);
    return answer.result as ApiResult<M>;
  }

  /** The downloads, in the order they were added (aria2 knows no uploads). */
  async downloads(): Promise<TransferSnapshot[]> {
    return (await this.call('listTransfers')).filter((t) => t.kind === 'download');
  }

  /** The download named by `gid`, or aria2's "is not found". */
  async byGid(gid: unknown): Promise<TransferSnapshot> {
    if (!isGid(gid)) throw new Aria2RpcError(`GID ${JSON.stringify(gid)} is not a valid GID (16 hex digits)`);
    const wanted = gid.toLowerCase();
    const found = (await this.downloads()).find((t) => gidOf(t.id) === wanted);
    if (!found) throw new Aria2RpcError(`GID ${wanted} is not found`);
    return found;
  }
}
