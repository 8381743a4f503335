// What start() does to the saved records besides reattaching them: older records' headers moved
// to the credentials, the running ones first in the queue, and the words for the finished
// transfers taken off the list.
import { isHarmlessHeader } from '../../../shared/secret-headers.ts';
import { FINAL_STATES } from '../../../shared/model.ts';
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

/**
 * The transfers that were running when Ferry stopped continue first within their priority: they
 * take the lowest places in the queue (in their order), ahead of any moved to the top while they
 * ran. Whether any moved.
 */
export function runningFirst(records: readonly TransferRecord[]): boolean {
  const running = records.filter((record) => record.state === 'running').sort((a, b) => a.queueOrder - b.queueOrder);
  // One pass (a spread of 100,000 places into Math.min would pass the engine's argument limit).
  let lowest = Infinity;
  for (const record of records) if (record.state !== 'running' && !FINAL_STATES.includes(record.state)) lowest = Math.min(lowest, record.queueOrder);
  if (running.length === 0 || running.at(-1)!.queueOrder < lowest) return false;
  running.forEach((record, index) => (record.queueOrder = lowest - running.length + index));
  return true;
}

/** The log line when finished transfers beyond keepFinished were taken off the list at start. */
export function prunedAtStart(count: number, keep: number): string {
  const them = count === 1 ? 'transfer' : 'transfers';
  return `${count.toLocaleString('en')} finished ${them} beyond keepFinished (${keep.toLocaleString('en')}) were taken off the list at start, those that finished longest ago; their files stay (raise keepFinished, up to 100,000, to keep more)`;
}
