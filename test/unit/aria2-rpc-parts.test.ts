// The aria2 RPC's pure parts: aria2's options as Ferry's request, its speeds, its paging, and a
// transfer said the aria2 way.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { aria2Speed, downloadFields, globalPatch } from '../../electron/daemon/aria2-rpc/aria2-options.ts';
import { page } from '../../electron/daemon/aria2-rpc/methods.ts';
import { statusObject } from '../../electron/daemon/aria2-rpc/aria2-status.ts';
import { gidOf, isGid } from '../../electron/daemon/aria2-rpc/gid.ts';
import type { TransferSnapshot } from '../../shared/model.ts';

describe("aria2's options", () => {
  it('reads speeds as aria2 does: K and M are 1024 and 1024²', () => {
    expect(aria2Speed('x', '1M')).toBe(1_048_576);
    expect(aria2Speed('x', '500K')).toBe(512_000);
    expect(aria2Speed('x', '2048')).toBe(2048);
    expect(aria2Speed('x', '0')).toBe(0);
    expect(() => aria2Speed('max-download-limit', '1.5M')).toThrow(/^the option max-download-limit takes a speed such as 500K/);
    expect(() => aria2Speed('max-download-limit', '5G')).toThrow(/takes a speed/);
  });

  it('makes dir, out, header, max-download-limit and split into the download request', () => {
    const dir = path.resolve('/srv/downloads');
    expect(downloadFields({ dir, out: 'a.iso', header: ['X-One: 1', 'Authorization: Bearer t'], 'max-download-limit': '1M', split: '4' }, '/home/u/Downloads')).toEqual({
      path: path.join(dir, 'a.iso'),
      headers: { 'X-One': '1', Authorization: 'Bearer t' },
      limitBytesPerSec: 1_048_576,
      connections: 4,
    });
    expect(downloadFields({ out: 'b.bin' }, '/home/u/Downloads')).toEqual({ path: path.join('/home/u/Downloads', 'b.bin') });
    expect(downloadFields({ dir, header: 'Referer: https://site.example/' }, '/x')).toEqual({ dir, headers: { Referer: 'https://site.example/' } });
    expect(downloadFields(undefined, '/x')).toEqual({});
  });

  it('refuses what Ferry would not honour as asked, naming it', () => {
    expect(() => downloadFields({ 'continue': 'true' }, '/x')).toThrow('aria2.addUri: Ferry does not honour the option "continue"; it takes dir, out, header, max-download-limit, split');
    expect(() => downloadFields({ dir: 'relative/dir' }, '/x')).toThrow(/dir takes an absolute folder/);
    for (const out of ['sub/c.bin', '..', '', 'a\\b']) expect(() => downloadFields({ out }, '/x')).toThrow(/out takes a file name without folders/);
    expect(() => downloadFields({ header: 'no colon here' }, '/x')).toThrow(/header takes "Name: value"/);
    expect(() => downloadFields({ split: '0' }, '/x')).toThrow(/split takes a whole number from 1 to 64/);
    expect(() => downloadFields({ split: true }, '/x')).toThrow(/split takes a string/);
    expect(() => downloadFields(['dir'], '/x')).toThrow(/options must be a JSON object/);
    expect(() => globalPatch({ 'max-concurrent-downloads': '500' }, { min: 1, max: 200 })).toThrow(/from 1 to 200/);
    expect(globalPatch({ 'max-overall-download-limit': '2M', 'max-concurrent-downloads': '2' }, { min: 1, max: 200 })).toEqual({ downloadLimitBytesPerSec: 2_097_152, maxConcurrent: 2 });
  });
});

describe("aria2's paging and status", () => {
  it('pages from the start, or with a negative offset from the end, newest first', () => {
    const items = ['a', 'b', 'c', 'd', 'e'];
    expect(page(items, 1, 2)).toEqual(['b', 'c']);
    expect(page(items, 4, 10)).toEqual(['e']);
    expect(page(items, -1, 2)).toEqual(['e', 'd']);
    expect(page(items, -2, 10)).toEqual(['d', 'c', 'b', 'a']);
    expect(page(items, -6, 3)).toEqual([]);
    expect(() => page(items, 0, -1)).toThrow(/num not negative/);
  });

  const snapshot = (patch: Partial<TransferSnapshot>): TransferSnapshot =>
    ({ id: '3f2a9c1e-77b4-4c1d-9a0e-5b6c7d8e9f00', kind: 'download', url: 'https://bob:pw@files.example/a.iso', path: '/srv/a.iso', state: 'running', bytesTransferred: 10, totalBytes: 100, speed: 5.4, error: null, segments: null, limitBytesPerSec: null, mirrors: [], mirrorInUse: null, ...patch }) as TransferSnapshot;

  it('says a held transfer waiting, a canceled one removed, a failure with aria2\'s exit code; no password in a URI', () => {
    expect(statusObject(snapshot({}), ['gid', 'status', 'downloadSpeed', 'connections'])).toEqual({ gid: '3f2a9c1e77b44c1d', status: 'active', downloadSpeed: '5', connections: '1' });
    expect(statusObject(snapshot({ state: 'waitingForNetwork', speed: 0 }), ['status'])).toEqual({ status: 'waiting' });
    expect(statusObject(snapshot({ state: 'pausedBattery' }), ['status', 'downloadSpeed'])).toEqual({ status: 'waiting', downloadSpeed: '0' });
    expect(statusObject(snapshot({ state: 'canceled' }), ['status', 'errorCode'])).toEqual({ status: 'removed' });
    expect(statusObject(snapshot({ state: 'failed', error: { status: 'DiskFull', message: 'the disk is full', httpStatus: null } }), ['status', 'errorCode', 'errorMessage'])).toEqual({ status: 'error', errorCode: '9', errorMessage: 'the disk is full' });
    expect(statusObject(snapshot({ path: null, totalBytes: null }), ['dir', 'totalLength'])).toEqual({ dir: '', totalLength: '0' });
    expect(JSON.stringify(statusObject(snapshot({})))).not.toContain('pw@');
  });

  it("makes a gid of an id: a UUID's first 16 hex digits, anything else hashed", () => {
    expect(gidOf('3F2A9C1E-77B4-4C1D-9A0E-5B6C7D8E9F00')).toBe('3f2a9c1e77b44c1d');
    expect(gidOf('not-a-uuid')).toMatch(/^[0-9a-f]{16}$/);
    expect(gidOf('not-a-uuid')).toBe(gidOf('not-a-uuid'));
    expect(isGid('3f2a9c1e77b44c1d')).toBe(true);
    expect(isGid('3f2a9c1e77b44c1')).toBe(false);
    expect(isGid(42)).toBe(false);
  });
});
