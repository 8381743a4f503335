// aria2's JSON-RPC errors: `{code, message}`. aria2 answers most failures with code 1 and a
// sentence; the JSON-RPC codes (-32xxx) are for a message that is not a call at all.
export const PARSE_ERROR = -32700;
export const INVALID_REQUEST = -32600;
export const METHOD_NOT_FOUND = -32601;
export const INVALID_PARAMS = -32602;
/** aria2's code for every failure of a well-formed call (a wrong secret, an unknown gid, a refused option). */
export const CALL_FAILED = 1;

export class Aria2RpcError extends Error {
  readonly code: number;
  constructor(message: string, code: number = CALL_FAILED) {
    super(message);
    this.name = 'Aria2RpcError';
    this.code = code;
  }
}

export interface RpcErrorBody {
  code: number;
  message: string;
}

/** The error member of an answer: our own errors as they are, anything else as aria2's code 1. */
export function errorBody(error: unknown): RpcErrorBody {
  if (error instanceof Aria2RpcError) return { code: error.code, message: error.message };
  return { code: CALL_FAILED, message: error instanceof Error ? error.message : String(error) };
}
