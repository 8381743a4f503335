import type { ErrorStatus, TransferErrorInfo } from '../../../shared/errors.ts';

/** An error the engine can explain: one of the statuses in shared/errors.ts plus a message a person can act on. */
export class TransferError extends Error {
  readonly status: ErrorStatus;
  readonly httpStatus: number | null;
  /** Server-requested delay before the next try (Retry-After), if any. */
  readonly retryAfterMs: number | null;
  /** Another try would fail the same way, whatever its status usually means (a redirect loop). */
  readonly permanent: boolean;
  /** The origin of the server that gave this answer, after redirects; null when none answered or it is not known. */
  readonly answeredBy: string | null;

  constructor(
    status: ErrorStatus,
    message: string,
    options: { httpStatus?: number | null; retryAfterMs?: number | null; cause?: unknown; permanent?: boolean; answeredBy?: string | null } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'TransferError';
    this.status = status;
    this.httpStatus = options.httpStatus ?? null;
    this.retryAfterMs = options.retryAfterMs ?? null;
    this.permanent = options.permanent ?? false;
    this.answeredBy = options.answeredBy ?? null;
  }

  toInfo(): TransferErrorInfo {
    return { status: this.status, message: this.message, httpStatus: this.httpStatus };
  }
}
