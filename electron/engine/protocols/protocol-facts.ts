// Each protocol's own facts about a transfer (HTTP's validators, tus's upload URL, FTP's size and
// modification time), kept in the record as `protocolState` and checked with the protocol's
// schema when the state is read. The lifecycle and the store only carry them; whether two are of
// one version is the protocol's own rule (sameVersion).
import * as z from 'zod/mini';
import { onFirstUse } from '../../../shared/on-first-use.ts';
import type { Version } from './protocol.ts';
import { httpProtocol } from './http/http-protocol.ts';
import { tusProtocol } from './tus/tus-protocol.ts';
import { ftpProtocol } from './ftp/ftp-protocol.ts';

export const ProtocolFactsSchema = onFirstUse(() => z.discriminatedUnion('protocol', [httpProtocol.facts, tusProtocol.facts, ftpProtocol.facts]));
export type ProtocolFacts = z.infer<typeof ProtocolFactsSchema>;

/** The facts if they are of protocol `name` (a record's facts may be another protocol's after its URL changed). */
export function factsOf<N extends ProtocolFacts['protocol']>(facts: ProtocolFacts | null, name: N): Extract<ProtocolFacts, { protocol: N }> | null {
  return facts?.protocol === name ? (facts as Extract<ProtocolFacts, { protocol: N }>) : null;
}

const DESCRIPTORS = { http: httpProtocol, tus: tusProtocol, ftp: ftpProtocol } as const;

/**
 * True when `now` proves it is the version `held` is, by its protocol's rule (HTTP: no other length,
 * a strong ETag or Last-Modified equal and none differing; FTP: the same SIZE and MDTM). Facts of
 * two protocols, or of one that downloads nothing, prove nothing.
 */
export function sameVersion(held: Version<ProtocolFacts | null>, now: Version<ProtocolFacts | null>): boolean {
  if (!held.facts || !now.facts || held.facts.protocol !== now.facts.protocol) return false;
  const descriptor: { sameVersion?: (held: Version<ProtocolFacts>, now: Version<ProtocolFacts>) => boolean } = DESCRIPTORS[held.facts.protocol] as never;
  return descriptor.sameVersion?.({ facts: held.facts, total: held.total }, { facts: now.facts, total: now.total }) ?? false;
}
