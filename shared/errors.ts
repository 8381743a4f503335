// Error statuses carried on `failed` transfers and in retry history (see docs/ARCHITECTURE.md).
export const ERROR_STATUSES = [
  'InvalidUri',
  'InvalidArgument',
  'TooManyTransfers',
  'HostNameNotResolved',
  'CannotConnect',
  'Timeout',
  'ConnectionReset',
  'Unauthorized',
  'Forbidden',
  'NotFound',
  'ProxyAuthenticationRequired',
  'RangeNotSatisfiable',
  'ServerError',
  'ServiceUnavailable',
  'TooManyRequests',
  'CertificateError',
  'ChecksumMismatch',
  'DiskFull',
  'FileAccessDenied',
  'ResourceChanged',
  'Canceled',
  'Unknown',
] as const;

export type ErrorStatus = (typeof ERROR_STATUSES)[number];

export interface TransferErrorInfo {
  status: ErrorStatus;
  message: string;
  /** The HTTP status code when the failure came from an HTTP answer. */
  httpStatus: number | null;
}

export function isErrorStatus(value: unknown): value is ErrorStatus {
  return typeof value === 'string' && (ERROR_STATUSES as readonly string[]).includes(value);
}
