// HTTP Digest access authentication (RFC 7616): reading a WWW-Authenticate or Proxy-Authenticate
// challenge and computing the Authorization (or Proxy-Authorization) that answers it. MD5 and
// SHA-256, their -sess variants, qop=auth (or RFC 2069's no qop), userhash. auth-int is not spoken:
// it would need the body's hash before the body is sent.
import { createHash, randomBytes } from 'node:crypto';
import type { Credential } from '../http-client.ts';

export interface Challenge {
  scheme: string;
  params: Record<string, string>;
}

/**
 * Every challenge in the header's values ("Digest realm="a, b", nonce=x, Basic realm=y"): a scheme,
 * then name=value pairs (a value a token or a quoted string) separated by commas.
 */
export function parseChallenges(values: string | string[] | undefined): Challenge[] {
  const all = Array.isArray(values) ? values : values ? [values] : [];
  const challenges: Challenge[] = [];
  for (const value of all) {
    const pattern = /\s*,?\s*([!#$%&'*+.^_`|~0-9A-Za-z-]+)(?:\s*=\s*("(?:[^"\\]|\\.)*"|[^\s,]*))?/gy;
    let match: RegExpExecArray | null;
    let current: Challenge | null = null;
    while ((match = pattern.exec(value)) !== null && match[0].length > 0) {
      const [, name, raw] = match;
      if (raw === undefined || (current === null && raw === '')) {
        // A token alone starts a new challenge ("Digest", "Basic").
        current = { scheme: name!.toLowerCase(), params: {} };
        challenges.push(current);
        // The scheme's first parameter follows after a space, without a comma.
        continue;
      }
      if (!current) continue;
      current.params[name!.toLowerCase()] = raw.startsWith('"') ? raw.slice(1, -1).replace(/\\(.)/g, '$1') : raw;
    }
  }
  return challenges;
}

const HASHES: Record<string, 'md5' | 'sha256'> = { md5: 'md5', 'md5-sess': 'md5', 'sha-256': 'sha256', 'sha-256-sess': 'sha256' };
/** Preferred first. */
const STRENGTH = ['sha-256', 'sha-256-sess', 'md5', 'md5-sess'];

export interface DigestChallenge {
  realm: string;
  nonce: string;
  opaque: string | undefined;
  /** As the server wrote it (MD5, SHA-256, MD5-sess...); lower case in `algorithmKey`. */
  algorithm: string;
  algorithmKey: string;
  /** 'auth', or null for a server without qop (RFC 2069). */
  qop: 'auth' | null;
  stale: boolean;
  userhash: boolean;
}

/** Why a Digest challenge cannot be answered (an algorithm or qop Ferry does not speak). */
export class DigestUnsupported extends Error {}

/** The strongest Digest challenge Ferry can answer among `challenges`; null when none is Digest. */
export function pickDigest(challenges: Challenge[]): DigestChallenge | null {
  const digests = challenges.filter((c) => c.scheme === 'digest');
  if (digests.length === 0) return null;
  const usable = digests
    .map((c) => ({ c, key: (c.params['algorithm'] ?? 'MD5').toLowerCase() }))
    .filter(({ key }) => key in HASHES)
    .sort((a, b) => STRENGTH.indexOf(a.key) - STRENGTH.indexOf(b.key));
  if (usable.length === 0) {
    throw new DigestUnsupported(`Digest with ${digests.map((c) => c.params['algorithm']).join(' or ')}, which Ferry does not speak (only MD5 and SHA-256, and their -sess variants)`);
  }
  const { c, key } = usable[0]!;
  const qops = c.params['qop']?.split(',').map((q) => q.trim().toLowerCase());
  if (qops && !qops.includes('auth')) throw new DigestUnsupported(`Digest with qop=${c.params['qop']}, which Ferry does not speak (only qop=auth)`);
  if (c.params['nonce'] === undefined) throw new DigestUnsupported('a Digest challenge without a nonce');
  return {
    realm: c.params['realm'] ?? '',
    nonce: c.params['nonce'],
    opaque: c.params['opaque'],
    algorithm: c.params['algorithm'] ?? 'MD5',
    algorithmKey: key,
    qop: qops ? 'auth' : null,
    stale: (c.params['stale'] ?? '').toLowerCase() === 'true',
    userhash: (c.params['userhash'] ?? '').toLowerCase() === 'true',
  };
}

const quote = (value: string) => `"${value.replace(/(["\\])/g, '\\$1')}"`;

/** What one answer to a challenge needs besides the request: the count and the client nonce. */
export interface DigestUse {
  nc: number;
  cnonce: string;
}

export const newCnonce = () => randomBytes(16).toString('hex');

/** The Authorization value answering `challenge` for `method` on `uri` (the request target as sent). */
export function digestAuthorization(challenge: DigestChallenge, credential: Credential, method: string, uri: string, use: DigestUse): string {
  const hash = HASHES[challenge.algorithmKey]!;
  const H = (text: string) => createHash(hash).update(text, 'utf8').digest('hex');
  const nc = use.nc.toString(16).padStart(8, '0');
  let ha1 = H(`${credential.username}:${challenge.realm}:${credential.password}`);
  if (challenge.algorithmKey.endsWith('-sess')) ha1 = H(`${ha1}:${challenge.nonce}:${use.cnonce}`);
  const ha2 = H(`${method}:${uri}`);
  const response = challenge.qop ? H(`${ha1}:${challenge.nonce}:${nc}:${use.cnonce}:auth:${ha2}`) : H(`${ha1}:${challenge.nonce}:${ha2}`);
  const username = challenge.userhash ? H(`${credential.username}:${challenge.realm}`) : credential.username;
  const parts = [
    `username=${quote(username)}`,
    `realm=${quote(challenge.realm)}`,
    `nonce=${quote(challenge.nonce)}`,
    `uri=${quote(uri)}`,
    `algorithm=${challenge.algorithm}`,
    `response=${quote(response)}`,
  ];
  if (challenge.opaque !== undefined) parts.push(`opaque=${quote(challenge.opaque)}`);
  if (challenge.qop) parts.push(`qop=auth`, `nc=${nc}`, `cnonce=${quote(use.cnonce)}`);
  if (challenge.userhash) parts.push('userhash=true');
  return `Digest ${parts.join(', ')}`;
}
