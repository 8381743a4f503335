// Each protocol's own facts about a transfer (HTTP's validators, tus's upload URL, FTP's size and
// modification time), kept in the record as `protocolState` and checked with the protocol's
// schema when the state is read. The lifecycle and the store only carry them.
import * as z from 'zod/mini';
import { httpProtocol } from './http/http-protocol.ts';
import { tusProtocol } from './tus/tus-protocol.ts';
import { ftpProtocol } from './ftp/ftp-protocol.ts';

export const ProtocolFactsSchema = z.discriminatedUnion('protocol', [httpProtocol.facts, tusProtocol.facts, ftpProtocol.facts]);
export type ProtocolFacts = z.infer<typeof ProtocolFactsSchema>;

/** The facts if they are of protocol `name` (a record's facts may be another protocol's after its URL changed). */
export function factsOf<N extends ProtocolFacts['protocol']>(facts: ProtocolFacts | null, name: N): Extract<ProtocolFacts, { protocol: N }> | null {
  return facts?.protocol === name ? (facts as Extract<ProtocolFacts, { protocol: N }>) : null;
}
