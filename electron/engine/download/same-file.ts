// Whether the bytes on disk may be continued from an address: the one rule for a download's own
// retries, a mirror taking over (sources.ts) and a new address given by the user (set-url). The
// address proves it serves the same file either by the protocol's own facts (HTTP: a strong ETag
// or Last-Modified in If-Range; FTP: the same SIZE and MDTM), or, only when the address is new
// (it replaced another, whose validator it need not share), by serving the same total size while
// a checksum given by the user is checked over the whole file at the end. Anything else starts
// over from zero: never a splice of two files.
import type { DownloadRecord } from '../state/records.ts';

/**
 * True when a request to the address in use (or to `newAddress`, about to replace it) may continue
 * the bytes on disk on the strength of the checksum: the same total size is then enough.
 */
export function vouchedByChecksum(record: DownloadRecord, newAddress = record.newAddress): boolean {
  return newAddress && record.checksum !== null && record.totalBytes !== null;
}
