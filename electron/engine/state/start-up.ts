// What start() does to the saved records besides reattaching them: older records' headers moved
// to the credentials, and the words for the finished transfers taken off the list.
import { isHarmlessHeader } from '../../../shared/secret-headers.ts';
import type { TransferRecord } from './records.ts';
import type { SecretStore } from './store.ts';

/**
 * Records saved before every header but a few harmless ones was kept with the credentials hold
 * the others (X-Session-Id...) in the plain state: they move to the secret store. Returns whether
 * the record changed.
 */
export function keepHeadersSecret(record: TransferRecord, secrets: SecretStore): boolean {
  const moving = Object.entries(record.headers).filter(([name]) => !isHarmlessHeader(name));
  if (moving.length === 0) return false;
  const secret = secrets.get(record.id) ?? {};
  secrets.set(record.id, { ...secret, headers: { ...Object.fromEntries(moving), ...secret.headers } });
  record.headers = Object.fromEntries(Object.entries(record.headers).filter(([name]) => isHarmlessHeader(name)));
  record.secretHeaderNames = [...new Set([...record.secretHeaderNames, ...moving.map(([name]) => name)])];
  return true;
}

/** The log line when finished transfers beyond keepFinished were taken off the list at start. */
export function prunedAtStart(count: number, keep: number): string {
  const them = count === 1 ? 'transfer' : 'transfers';
  return `${count.toLocaleString('en')} finished ${them} beyond keepFinished (${keep.toLocaleString('en')}) were taken off the list at start, those that finished longest ago; their files stay (raise keepFinished, up to 100,000, to keep more)`;
}
