// FTP's pure rules: MDTM's time, what a reply code means, when held bytes may be continued, and
// the download schemes the engine serves being the ones the UI accepts.
import { describe, expect, it } from 'vitest';
import { parseMdtm } from '../../electron/engine/protocols/ftp/ftp-source.ts';
import { statusForFtp } from '../../electron/engine/protocols/ftp/ftp-errors.ts';
import { versionChange, type FtpFacts } from '../../electron/engine/protocols/ftp/ftp-facts.ts';
import { DOWNLOAD_SCHEMES as ENGINE_SCHEMES } from '../../electron/engine/protocols/registry.ts';
import { DOWNLOAD_SCHEMES, schemesInWords } from '../../shared/download-schemes.ts';

const facts = (size: number | null, modifiedAt: string | null): FtpFacts => ({ protocol: 'ftp', size, modifiedAt });

describe('FTP rules', () => {
  it('reads MDTM as UTC, with or without milliseconds; anything else is no time', () => {
    expect(parseMdtm('213 20261206034512')).toBe('2026-12-06T03:45:12.000Z');
    expect(parseMdtm('213 20261206034512.5')).toBe('2026-12-06T03:45:12.500Z');
    expect(parseMdtm('213 20261206034512.123')).toBe('2026-12-06T03:45:12.123Z');
    expect(parseMdtm('550 No such file')).toBeNull();
    expect(parseMdtm('213 yesterday')).toBeNull();
  });

  it('maps reply codes to statuses', () => {
    expect(statusForFtp(530)).toBe('Unauthorized');
    expect(statusForFtp(550)).toBe('NotFound');
    expect(statusForFtp(421)).toBe('ServiceUnavailable');
    expect(statusForFtp(450)).toBe('ServiceUnavailable');
    expect(statusForFtp(500)).toBe('ServerError');
  });

  it('continues held bytes only when size and time are both known and unchanged', () => {
    const held = facts(10, '2026-01-01T00:00:00.000Z');
    expect(versionChange(held, facts(10, '2026-01-01T00:00:00.000Z'))).toBeNull();
    expect(versionChange(held, facts(11, '2026-01-01T00:00:00.000Z'))).toMatch(/changed size/);
    expect(versionChange(held, facts(10, '2026-01-02T00:00:00.000Z'))).toMatch(/changed/);
    expect(versionChange(held, facts(10, null))).toMatch(/no longer says/);
    expect(versionChange(facts(10, null), facts(10, null))).toMatch(/no size and time/);
    expect(versionChange(null, facts(10, '2026-01-01T00:00:00.000Z'))).toMatch(/no size and time/);
  });

  it('the UI accepts exactly the schemes the engine downloads', () => {
    expect([...ENGINE_SCHEMES].sort()).toEqual([...DOWNLOAD_SCHEMES].sort());
    expect(schemesInWords(DOWNLOAD_SCHEMES)).toBe('http, https, ftp and ftps');
    expect(schemesInWords(['http:', 'https:'])).toBe('http and https');
  });
});
