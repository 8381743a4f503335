// Failures in words a person understands: a sentence per error status for the list, a few words
// for a pending retry (both from the catalog). The status code itself stays in `ferry ls --json`
// (and in the row's tooltip).
import type { ErrorStatus, TransferErrorInfo } from '../../shared/errors.ts';
import { t } from './i18n/catalog.ts';

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return t.errors.someHost;
  }
}

/** "The server says this file does not exist (404)." */
export function errorSentence(error: TransferErrorInfo, url: string, kind: 'download' | 'upload' = 'download'): string {
  const sentence = (kind === 'upload' ? t.errors.upload[error.status] : undefined) ?? t.errors.download[error.status];
  return sentence(hostOf(url), error.httpStatus ? t.errors.code(error.httpStatus) : '');
}

/** Why a retry is pending, in a few words ("server busy"). */
export function retryWords(status: ErrorStatus): string {
  return t.errors.retry[status] ?? t.errors.retryOther;
}
