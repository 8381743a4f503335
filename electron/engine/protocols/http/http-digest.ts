// The checksum a server sends with a file, as "algorithm:hex": Repr-Digest (RFC 9530, of the whole
// representation, so also on a 206), the older Digest (RFC 3230, likewise), or Content-MD5 (of this
// body only: used on a whole 200). The strongest algorithm wins.
import type { IncomingHttpHeaders } from 'node:http';

const NAMES: Record<string, string> = { 'sha-512': 'sha512', 'sha-256': 'sha256', sha: 'sha1', 'sha-1': 'sha1', md5: 'md5' };
const STRENGTH = ['sha512', 'sha256', 'sha1', 'md5'];
const HEX_LENGTH: Record<string, number> = { sha512: 128, sha256: 64, sha1: 40, md5: 32 };

function fromBase64(algorithm: string, base64: string): string | null {
  const hex = Buffer.from(base64, 'base64').toString('hex');
  return hex.length === HEX_LENGTH[algorithm] ? `${algorithm}:${hex}` : null;
}

function strongest(found: Array<string | null>): string | null {
  const digests = found.filter((d): d is string => d !== null);
  digests.sort((a, b) => STRENGTH.indexOf(a.split(':')[0]!) - STRENGTH.indexOf(b.split(':')[0]!));
  return digests[0] ?? null;
}

export function serverDigest(statusCode: number, headers: IncomingHttpHeaders): string | null {
  const found: Array<string | null> = [];
  const repr = headers['repr-digest'];
  if (typeof repr === 'string') {
    for (const match of repr.matchAll(/([A-Za-z0-9-]+)\s*=\s*:([A-Za-z0-9+/=]+):/g)) {
      const algorithm = NAMES[match[1]!.toLowerCase()];
      if (algorithm) found.push(fromBase64(algorithm, match[2]!));
    }
  }
  const legacy = headers['digest'];
  if (found.length === 0 && typeof legacy === 'string') {
    for (const part of legacy.split(',')) {
      const match = /^\s*([A-Za-z0-9-]+)=([A-Za-z0-9+/=]+)\s*$/.exec(part);
      const algorithm = match ? NAMES[match[1]!.toLowerCase()] : undefined;
      if (algorithm) found.push(fromBase64(algorithm, match![2]!));
    }
  }
  const md5 = headers['content-md5'];
  if (found.length === 0 && statusCode === 200 && typeof md5 === 'string') found.push(fromBase64('md5', md5.trim()));
  return strongest(found);
}
