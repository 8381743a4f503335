// Builds the engine the way both daemon and `ferry get` host it.
import { TransferService, type TransferServiceOptions } from '../engine/transfer-service.ts';

/** FERRY_DNS_SERVERS="127.0.0.1:5353,..." sends name lookups to those servers. */
export function dnsServersFromEnv(): string[] | undefined {
  const value = process.env['FERRY_DNS_SERVERS'];
  return value ? value.split(',').map((s) => s.trim()).filter(Boolean) : undefined;
}

export function createService(options: TransferServiceOptions): TransferService {
  const dnsServers = options.dnsServers ?? dnsServersFromEnv();
  return new TransferService({ ...options, ...(dnsServers ? { dnsServers } : {}) });
}
