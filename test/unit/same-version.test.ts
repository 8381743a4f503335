import { describe, expect, it } from 'vitest';
import { sameVersion, type ProtocolFacts } from '../../electron/engine/protocols/protocol-facts.ts';

const LM = 'Wed, 02 Dec 2026 10:00:00 GMT';
const http = (etag: string | null, lastModified: string | null, mediaType: string | null = 'application/octet-stream'): ProtocolFacts => ({ protocol: 'http', etag, lastModified, mediaType });
const ftp = (size: number | null, modifiedAt: string | null): ProtocolFacts => ({ protocol: 'ftp', size, modifiedAt });
const at = (facts: ProtocolFacts | null, total: number | null = 1000) => ({ facts, total });

describe('the same version, by each protocol\'s rule', () => {
  it('HTTP: equal validators prove it, whatever the order of the facts or the media type', () => {
    const reordered = { mediaType: 'text/plain', lastModified: LM, etag: '"v1"', protocol: 'http' } as ProtocolFacts;
    expect(sameVersion(at(http('"v1"', LM)), at(reordered))).toBe(true);
  });

  it('HTTP: a strong ETag alone proves it, a Last-Modified alone too', () => {
    expect(sameVersion(at(http('"v1"', LM)), at(http('"v1"', null)))).toBe(true);
    expect(sameVersion(at(http(null, LM)), at(http(null, ` ${LM}`)))).toBe(true);
    expect(sameVersion(at(http('W/"v1"', LM)), at(http('W/"v1"', LM)))).toBe(true);
  });

  it('HTTP: a weak ETag proves nothing, nor does no validator', () => {
    expect(sameVersion(at(http('W/"v1"', null)), at(http('W/"v1"', null)))).toBe(false);
    expect(sameVersion(at(http('W/"v1"', LM)), at(http('W/"v1"', null)))).toBe(false);
    expect(sameVersion(at(http(null, null)), at(http(null, null)))).toBe(false);
  });

  it('HTTP: a validator that differs, or another length, is another version', () => {
    expect(sameVersion(at(http('"v1"', LM)), at(http('"v2"', LM)))).toBe(false);
    expect(sameVersion(at(http('"v1"', LM)), at(http('"v1"', 'Thu, 03 Dec 2026 10:00:00 GMT')))).toBe(false);
    expect(sameVersion(at(http('"v1"', LM)), at(http('"v1"', LM), 999))).toBe(false);
    // An answer that does not say its length (chunked) is judged by its validators.
    expect(sameVersion(at(http('"v1"', LM)), at(http('"v1"', LM), null))).toBe(true);
  });

  it('FTP: the same SIZE and MDTM, and no other length', () => {
    expect(sameVersion(at(ftp(1000, '2026-12-02T10:00:00.000Z')), at(ftp(1000, '2026-12-02T10:00:00.000Z')))).toBe(true);
    expect(sameVersion(at(ftp(1000, '2026-12-02T10:00:00.000Z')), at(ftp(1000, '2026-12-02T10:00:01.000Z')))).toBe(false);
    expect(sameVersion(at(ftp(1000, null)), at(ftp(1000, null)))).toBe(false);
    expect(sameVersion(at(ftp(1000, '2026-12-02T10:00:00.000Z')), at(ftp(1000, '2026-12-02T10:00:00.000Z'), 999))).toBe(false);
  });

  it('facts of two protocols, or none, prove nothing', () => {
    expect(sameVersion(at(http('"v1"', LM)), at(ftp(1000, '2026-12-02T10:00:00.000Z')))).toBe(false);
    expect(sameVersion(at(null), at(http('"v1"', LM)))).toBe(false);
    expect(sameVersion(at(http('"v1"', LM)), at(null))).toBe(false);
  });
});
