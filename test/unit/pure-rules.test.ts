// The engine's pure rules: names, retry timing, states, resume verdicts, scheduling.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { chooseFileName, nameFromContentDisposition, numberedName, safeFileName, uniquePath } from '../../electron/engine/intake/file-name.ts';
import { backoffDelay, parseRetryAfter } from '../../electron/engine/policy/retry-policy.ts';
import { canTransition, stateOnReattach, userActionAllowed } from '../../electron/engine/operation/state-machine.ts';
import { ifRangeValue, judgeResponse, rangeFor, strongEtag } from '../../electron/engine/protocols/http/resume-check.ts';
import { judgePart, parseContentRange } from '../../electron/engine/protocols/http/range-answer.ts';
import { pickToStart } from '../../electron/engine/policy/scheduler.ts';
import { SpeedMeter } from '../../electron/engine/pipe/speed-meter.ts';
import { classifyError } from '../../electron/engine/errors/error-classify.ts';
import { statusForHttp } from '../../electron/engine/protocols/http/http-errors.ts';
import { throwawaySecret } from '../helpers/secrets.ts';

describe('file names', () => {
  it('prefers filename* and strips directories', () => {
    expect(nameFromContentDisposition(`attachment; filename="a.txt"; filename*=UTF-8''%E2%82%AC%20rates.txt`)).toBe('€ rates.txt');
    expect(nameFromContentDisposition('attachment; filename="..\\\\..\\\\win.ini"')).toBe('win.ini');
    expect(nameFromContentDisposition('attachment; filename="/etc/shadow"')).toBe('shadow');
    expect(nameFromContentDisposition('attachment')).toBeNull();
    // Malformed: ignored as a whole (the name then comes from the URL).
    expect(nameFromContentDisposition('attachment; filename=broken"quote')).toBeNull();
  });
  it('falls back to the URL, then to "download"', () => {
    expect(chooseFileName(null, 'https://h/dir/file%20name.iso?x=1', 'https://h/')).toBe('file name.iso');
    expect(chooseFileName(null, 'https://h/', 'https://h/')).toBe('download');
    expect(chooseFileName('..', 'https://h/', 'https://h/')).toBe('download');
  });
  it('sanitises hidden, reserved and over-long names', () => {
    expect(safeFileName('.bashrc')).toBe('bashrc');
    expect(safeFileName('nul')).toBe('_nul');
    expect(safeFileName('a:b*c?.txt')).toBe('a_b_c_.txt');
    const long = safeFileName(`${'x'.repeat(300)}.tar.gz`)!;
    expect(Buffer.byteLength(long)).toBeLessThanOrEqual(200);
    expect(long.endsWith('x.tar.gz')).toBe(true);
  });
  it('numbers collisions before the extension', () => {
    expect(numberedName('a.tar.gz', 2)).toBe('a (2).tar.gz');
    expect(numberedName('README', 1)).toBe('README (1)');
    const taken = new Set(['/d/x.bin', '/d/x (1).bin']);
    expect(uniquePath('/d', 'x.bin', (p) => taken.has(p))).toBe('/d/x (2).bin');
  });
});

describe('retry policy', () => {
  it('parses Retry-After as seconds or a date', () => {
    expect(parseRetryAfter('7', 0)).toBe(7000);
    expect(parseRetryAfter(new Date(10_000).toUTCString(), 4000)).toBe(6000);
    expect(parseRetryAfter('soon', 0)).toBeNull();
  });
  it('backs off exponentially with jitter, capped, and honours a longer Retry-After', () => {
    const opts = { baseDelayMs: 1000, maxDelayMs: 8000 };
    expect(backoffDelay(1, { ...opts, random: () => 0 })).toBe(500);
    expect(backoffDelay(1, { ...opts, random: () => 0.999 })).toBeCloseTo(1000, -1);
    expect(backoffDelay(3, { ...opts, random: () => 0 })).toBe(2000);
    expect(backoffDelay(10, { ...opts, random: () => 0.999 })).toBeLessThanOrEqual(8000);
    expect(backoffDelay(1, { ...opts, random: () => 0 }, 30_000)).toBe(30_000);
  });
});

describe('state machine', () => {
  it('only the user leaves paused; finished transfers only restart', () => {
    expect(canTransition('paused', 'running')).toBe(false);
    expect(canTransition('paused', 'queued')).toBe(true);
    expect(canTransition('completed', 'running')).toBe(false);
    expect(userActionAllowed('resume', 'running')).toBe(false);
    expect(userActionAllowed('cancel', 'completed')).toBe(false);
  });
  it('reattaches work in progress as queued and leaves the rest', () => {
    expect(stateOnReattach('running')).toBe('queued');
    expect(stateOnReattach('retrying')).toBe('queued');
    expect(stateOnReattach('paused')).toBe('paused');
    expect(stateOnReattach('failed')).toBe('failed');
  });
});

describe('resume verdicts', () => {
  const ctx = { offset: 100, end: null, knownTotal: 1000, validator: { protocol: 'http' as const, etag: '"v1"', lastModified: null } };
  it('never puts a weak ETag in If-Range', () => {
    expect(strongEtag('W/"x"')).toBeNull();
    expect(ifRangeValue({ protocol: 'http', etag: 'W/"x"', lastModified: 'Mon, 01 Jan 2024 00:00:00 GMT' })).toBe('Mon, 01 Jan 2024 00:00:00 GMT');
    expect(ifRangeValue({ protocol: 'http', etag: 'W/"x"', lastModified: null })).toBeNull();
  });
  it('appends only a 206 for exactly our offset of the same version', () => {
    expect(judgeResponse(206, { 'content-range': 'bytes 100-999/1000', etag: '"v1"' }, ctx)).toEqual({ kind: 'append', total: 1000 });
    expect(judgeResponse(206, { 'content-range': 'bytes 0-999/1000' }, ctx).kind).toBe('retryFromZero');
    expect(judgeResponse(206, { 'content-range': 'bytes 100-1099/1100' }, ctx).kind).toBe('retryFromZero');
    expect(judgeResponse(206, { 'content-range': 'bytes 100-999/1000', etag: '"v2"' }, ctx).kind).toBe('retryFromZero');
    expect(judgeResponse(206, {}, ctx).kind).toBe('retryFromZero');
  });
  it('a bounded range is appended only when the answer is exactly that range', () => {
    const part = { ...ctx, end: 499 };
    expect(rangeFor(part)).toBe('bytes=100-499');
    expect(judgeResponse(206, { 'content-range': 'bytes 100-499/1000', etag: '"v1"' }, part)).toEqual({ kind: 'append', total: 1000 });
    expect(judgeResponse(206, { 'content-range': 'bytes 100-999/1000', etag: '"v1"' }, part)).toMatchObject({ kind: 'retryFromZero', reason: 'the server sent bytes 100-999, not 100-499' });
    expect(judgeResponse(206, { 'content-range': 'bytes 100-299/1000', etag: '"v1"' }, part).kind).toBe('retryFromZero');
    // Asked past the end: the answer stops at the last byte.
    expect(judgeResponse(206, { 'content-range': 'bytes 100-999/1000', etag: '"v1"' }, { ...ctx, end: 5000 })).toEqual({ kind: 'append', total: 1000 });
    // From byte 0 too, a whole 200 is not the part asked for; nor is the last-byte check made for a part.
    expect(judgeResponse(200, { 'content-length': '1000' }, { ...part, offset: 0 })).toMatchObject({ kind: 'fromZero', reason: 'the server sent the whole file instead of the part asked for' });
    expect(rangeFor({ ...ctx, offset: 1000, end: 1999 })).toBe('bytes=1000-1999');
  });
  it('a 200 to a Range request starts from zero', () => {
    expect(judgeResponse(200, { 'content-length': '1000' }, ctx)).toMatchObject({ kind: 'fromZero', total: 1000 });
  });
  it('416 means complete only when the length is exactly what we hold (total unknown: a Range past the end)', () => {
    const full = { ...ctx, offset: 1000, knownTotal: null };
    expect(rangeFor(full)).toBe('bytes=1000-');
    expect(judgeResponse(416, { 'content-range': 'bytes */1000' }, full)).toEqual({ kind: 'alreadyComplete' });
    expect(judgeResponse(416, { 'content-range': 'bytes */500' }, full).kind).toBe('retryFromZero');
    expect(judgeResponse(416, {}, full).kind).toBe('retryFromZero');
  });
  it('every byte held with a known total and a validator: asks for the last byte and judges the answer', () => {
    const full = { ...ctx, offset: 1000, knownTotal: 1000 };
    expect(rangeFor(full)).toBe('bytes=999-999');
    expect(judgeResponse(206, { 'content-range': 'bytes 999-999/1000', etag: '"v1"' }, full)).toEqual({ kind: 'confirmLastByte' });
    expect(judgeResponse(206, { 'content-range': 'bytes 999-999/2000', etag: '"v1"' }, full).kind).toBe('retryFromZero');
    expect(judgeResponse(206, { 'content-range': 'bytes 999-999/1000', etag: '"v2"' }, full).kind).toBe('retryFromZero');
    expect(judgeResponse(200, { 'content-length': '1000', etag: '"v1"' }, full)).toEqual({ kind: 'alreadyComplete' });
    expect(judgeResponse(200, { 'content-length': '1000', etag: '"v2"' }, full).kind).toBe('fromZero');
    expect(judgeResponse(200, { 'content-length': '999', etag: '"v1"' }, full).kind).toBe('fromZero');
    expect(judgeResponse(416, {}, full).kind).toBe('retryFromZero');
    // Without a validator nothing can be confirmed: the old question, and a fresh start.
    expect(rangeFor({ ...full, validator: null })).toBe('bytes=1000-');
  });
  it('parses Content-Range strictly', () => {
    expect(parseContentRange('bytes 5-9/10')).toEqual({ start: 5, end: 9, total: 10 });
    expect(parseContentRange('bytes 5-10/10')).toBeNull();
    expect(parseContentRange('bytes 5-9/*')).toEqual({ start: 5, end: 9, total: null });
  });
  it('a part is exactly the range asked, of the same length and validators, unencoded when split', () => {
    const validator = { protocol: 'http' as const, etag: '"v1"', lastModified: 'Mon, 01 Jan 2024 00:00:00 GMT' };
    const asked = { start: 0, end: 499, total: 1000, validator, plainOnly: true };
    const head = { 'content-range': 'bytes 0-499/1000', etag: '"v1"', 'last-modified': validator.lastModified };
    expect(judgePart(head, asked)).toEqual({ same: true, total: 1000 });
    // From byte 0 too, the version is proven (a server that ignores If-Range sends its own).
    expect(judgePart({ ...head, etag: '"v2"' }, asked)).toMatchObject({ same: false, changed: true });
    // Every validator sent is compared, not only the one If-Range carried.
    expect(judgePart({ ...head, 'last-modified': 'Tue, 02 Jan 2024 00:00:00 GMT' }, asked)).toMatchObject({ same: false, changed: true });
    // None sent: If-Range asked the server, which proves nothing either way.
    expect(judgePart({ 'content-range': 'bytes 0-499/1000' }, asked)).toEqual({ same: true, total: 1000 });
    expect(judgePart({ ...head, 'content-range': 'bytes 0-499/1001' }, asked)).toMatchObject({ same: false, changed: true });
    expect(judgePart({ ...head, 'content-range': 'bytes 0-499/*' }, asked)).toMatchObject({ same: false, changed: false });
    expect(judgePart({ ...head, 'content-range': 'bytes 64-563/1000' }, asked)).toMatchObject({ same: false, changed: false });
    expect(judgePart({ ...head, 'content-range': 'bytes 0-498/1000' }, asked)).toMatchObject({ same: false, changed: false });
    expect(judgePart({ ...head, 'content-encoding': 'gzip' }, asked)).toMatchObject({ same: false, changed: false });
    expect(judgePart({ ...head, 'content-encoding': 'gzip' }, { ...asked, plainOnly: false })).toEqual({ same: true, total: 1000 });
    // The verdict a source gives: a misplaced part is told apart from another version.
    const context = { offset: 0, end: 499, knownTotal: 1000, validator, plainOnly: true };
    expect(judgeResponse(206, { ...head, 'content-range': 'bytes 64-563/1000' }, context)).toMatchObject({ kind: 'retryFromZero', misplaced: true });
    expect(judgeResponse(206, { ...head, etag: '"v2"' }, context)).toEqual({ kind: 'retryFromZero', reason: 'the file on the server changed' });
  });
});

describe('scheduling', () => {
  const item = (id: string, extra: object = {}) => ({ id, state: 'queued' as const, isRunning: false, priority: 'default' as const, queueOrder: Number(id.slice(1)), group: null, retryAt: null, ...extra });
  it('fills free slots by priority then age', () => {
    const chosen = pickToStart([item('a1'), item('a2'), item('a3', { priority: 'high' }), item('a4', { isRunning: true, state: 'running' })], 3, () => 'parallel', 0);
    expect(chosen.map((c) => c.id)).toEqual(['a3', 'a1']);
  });
  it('waits for a retry time and keeps serialized groups to one', () => {
    const chosen = pickToStart(
      [item('a1', { state: 'retrying', retryAt: 100 }), item('a2', { group: 'g' }), item('a3', { group: 'g' })],
      4,
      () => 'serialized',
      50,
    );
    expect(chosen.map((c) => c.id)).toEqual(['a2']);
  });
});

describe('speed and errors', () => {
  it('measures speed over a window and estimates ETA', () => {
    let now = 0;
    const meter = new SpeedMeter(5000, () => now);
    meter.sample(0);
    now = 1000;
    meter.sample(1_000_000);
    expect(meter.speed()).toBe(1_000_000);
    expect(meter.eta(1_000_000, 3_000_000)).toBe(2);
    now = 10_000;
    expect(meter.speed()).toBe(0);
  });
  it('maps HTTP and system errors to statuses without leaking credentials', () => {
    expect(statusForHttp(404)).toBe('NotFound');
    expect(statusForHttp(407)).toBe('ProxyAuthenticationRequired');
    expect(statusForHttp(502)).toBe('ServerError');
    const err = classifyError(Object.assign(new Error('write ENOSPC'), { code: 'ENOSPC' }), { path: '/x/y' });
    expect(err.status).toBe('DiskFull');
    const password = throwawaySecret();
    const leak = classifyError(new Error(`failed http://bob:${password}@h/x`));
    expect(leak.message).not.toContain(password);
    // Node's client calls a body cut short just "aborted": said in words.
    expect(classifyError(Object.assign(new Error('aborted'), { code: 'ECONNRESET' }), { url: 'http://h/x' })).toMatchObject({
      status: 'ConnectionReset',
      message: 'the connection was interrupted (http://h/x): the server closed it before the whole answer had arrived',
    });
  });
});

describe('progress batching', () => {
  it('sends one batch per interval with the latest value of each transfer', async () => {
    const { ChangeBatcher } = await import('../../electron/engine/service/change-batcher.ts');
    const batches: number[][] = [];
    const batcher = new ChangeBatcher<number>((items) => batches.push(items), 50);
    let value = 0;
    for (let i = 0; i < 500; i++) {
      value = i;
      batcher.mark(`t${i % 3}`, () => value);
    }
    expect(batches).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(batches).toEqual([[499, 499, 499]]);
    batcher.dispose();
  });
});

describe('the version', () => {
  it('is the one package.json says, in one place for the CLI, the hosts and the User-Agent', async () => {
    const { FERRY_VERSION } = await import('../../shared/version.ts');
    const pkg = JSON.parse(fs.readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    expect(FERRY_VERSION).toBe(pkg.version);
  });
});

describe('speeds as typed', () => {
  it('reads SI and binary units, and refuses what is not a speed', async () => {
    const { parseRate } = await import('../../shared/rate.ts');
    expect(parseRate('500k')).toBe(500_000);
    expect(parseRate('5M')).toBe(5_000_000);
    expect(parseRate('1.5MB/s')).toBe(1_500_000);
    expect(parseRate('2MiB')).toBe(2 * 1024 * 1024);
    expect(parseRate('1000')).toBe(1000);
    expect(parseRate('0')).toBe(0);
    expect(parseRate('none')).toBe(0);
    for (const bad of ['fast', '-1M', '5X', '', '1e3', '5000G']) expect(parseRate(bad)).toBeNull();
  });
});
