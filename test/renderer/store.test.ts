// The UI store against the real engine (in process, through the same API the hosts expose).
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createFerryStore, requestsFromForm } from '../../renderer/src/state/store.ts';
import { visibleIds } from '../../renderer/src/state/view.ts';
import { canOpenWhileDownloading } from '../../renderer/src/state/open-while-downloading.ts';
import { GROUPS, groupOf, matchesFilter, totals } from '../../renderer/src/state/filters.ts';
import { TRANSFER_STATES } from '../../shared/model.ts';
import { displayName, formatEta, percent, statusWords, urlProblem } from '../../renderer/src/format.ts';
import { dropIntent } from '../../renderer/src/drop.ts';
import { errorSentence, retryWords } from '../../renderer/src/error-words.ts';
import { ERROR_STATUSES } from '../../shared/errors.ts';
import { randomFile } from '../helpers/fault-server.ts';
import { waitFor } from '../helpers/engine.ts';
import { useUiBed } from '../helpers/ui-bridge.ts';

const bed = useUiBed();

describe('the UI store', () => {
  it('loads, adds through the form, follows progress in batched frames, and acts on transfers', async () => {
    const frames: Array<() => void> = [];
    const store = createFerryStore({ bridge: bed.bridge, scheduleFrame: (cb) => frames.push(cb) });
    try {
      await store.getState().load();
      expect(store.getState().host?.kind).toBe('daemon');
      bed.server.serve('/a.bin', randomFile(400_000, { rate: 400_000 }));
      const outcome = await store.getState().addDownloads({ urls: `${bed.server.url('/a.bin')}\n`, dir: bed.dir });
      expect(outcome.ok).toBe(true);
      const id = outcome.ok ? outcome.ids[0]! : '';
      expect(visibleIds(store.getState().transfers, 'all', '', store.getState().sort)).toEqual([id]);

      // Events only reach the state when a frame runs, however many arrived in between.
      await new Promise((resolve) => setTimeout(resolve, 400));
      expect(frames.length).toBe(1);
      const before = store.getState().transfers.get(id)!.bytesTransferred;
      frames.shift()!();
      expect(store.getState().transfers.get(id)!.bytesTransferred).toBeGreaterThan(before);

      await store.getState().act(id, 'pause');
      expect(store.getState().transfers.get(id)!.state).toBe('paused');
      await store.getState().act(id, 'resume');
      expect(['queued', 'running']).toContain(store.getState().transfers.get(id)!.state);
      await store.getState().act(id, 'open');
      expect(store.getState().notice).toMatch(/only possible in the desktop app/);
    } finally {
      store.dispose();
    }
  });

  it('downloads a finished file through a one-time link made for each click', async () => {
    const saved: string[] = [];
    const store = createFerryStore({ bridge: bed.bridge, scheduleFrame: () => undefined, saveLink: (url) => saved.push(url) });
    try {
      await store.getState().load();
      expect(store.getState().host?.fileLinks).toBe(true);
      bed.server.serve('/done.bin', randomFile(200_000, { rate: 200_000 }));
      const outcome = await store.getState().addDownloads({ urls: bed.server.url('/done.bin'), dir: bed.dir });
      const id = outcome.ok ? outcome.ids[0]! : '';
      await store.getState().act(id, 'download');
      expect(store.getState().notice).toMatch(/no finished file/);
      await waitFor(bed.service, id, (t) => t.state === 'completed');
      await store.getState().act(id, 'download');
      expect(saved).toEqual([`/files/${id}?ticket=ticket-for-${id}`]);
    } finally {
      store.dispose();
    }
  });

  it('opens a video download while it arrives in a new tab through its stream link; only sound and video, once the host is known', async () => {
    const opened: string[] = [];
    const store = createFerryStore({ bridge: bed.bridge, scheduleFrame: () => undefined, openTab: (url) => opened.push(url) });
    try {
      await store.getState().load();
      bed.server.serve('/clip.mp4', randomFile(400_000, { rate: 200_000 }));
      bed.server.serve('/pack.zip', randomFile(1000));
      const outcome = await store.getState().addDownloads({ urls: `${bed.server.url('/clip.mp4')}\n${bed.server.url('/pack.zip')}`, dir: bed.dir });
      const [clip, pack] = outcome.ok ? outcome.ids : [];
      const video = await waitFor(bed.service, clip!, (t) => t.path !== null);
      const host = store.getState().host;
      expect(host?.streams).toBe('tab');
      expect(canOpenWhileDownloading(video, host)).toBe(true);
      expect(canOpenWhileDownloading(video, null)).toBe(false);
      expect(canOpenWhileDownloading(await waitFor(bed.service, pack!, (t) => t.path !== null), host)).toBe(false);
      await store.getState().act(clip!, 'stream');
      expect(opened).toEqual([`/stream/${clip}?ticket=stream-ticket-for-${clip}`]);
    } finally {
      store.dispose();
    }
  });

  it('queues nothing when one URL of several is malformed', async () => {
    const store = createFerryStore({ bridge: bed.bridge, scheduleFrame: () => undefined });
    try {
      const outcome = await store.getState().addDownloads({ urls: `${bed.server.url('/x')}\nnot a url`, dir: bed.dir });
      expect(outcome).toEqual({ ok: false, error: 'Line 2: "not a url" is not a valid URL.' });
      expect(await bed.service.listTransfers()).toEqual([]);
      fs.writeFileSync(`${bed.dir}/a-file`, 'x');
      const engineSaysNo = await store.getState().addDownloads({ urls: bed.server.url('/x'), dir: `${bed.dir}/a-file/sub` });
      expect(engineSaysNo.ok).toBe(false);
      expect(engineSaysNo.ok ? '' : engineSaysNo.error).toMatch(/does not exist and cannot be created \(a file is in the way\)/);
    } finally {
      store.dispose();
    }
  });

  it('saves settings and hears about changes made elsewhere', async () => {
    const store = createFerryStore({ bridge: bed.bridge, scheduleFrame: () => undefined });
    try {
      await store.getState().load();
      expect((await store.getState().saveSettings({ maxConcurrent: 0 })).ok).toBe(false);
      expect((await store.getState().saveSettings({ maxConcurrent: 7 })).ok).toBe(true);
      await bed.service.setSettings({ theme: 'dark' });
      expect(store.getState().settings).toMatchObject({ maxConcurrent: 7, theme: 'dark' });
    } finally {
      store.dispose();
    }
  });
});

describe('UI logic', () => {
  it('says each failure in a sentence, and a pending retry in a few words', () => {
    expect(errorSentence({ status: 'NotFound', message: 'x', httpStatus: 404 }, 'https://files.example.org/a.iso')).toBe('The server says this file does not exist (404).');
    expect(errorSentence({ status: 'HostNameNotResolved', message: 'x', httpStatus: null }, 'https://files.example.org/a.iso')).toBe('Cannot find the server files.example.org: check the address or your connection.');
    expect(errorSentence({ status: 'DiskFull', message: 'x', httpStatus: null }, 'not a url')).toBe('The disk is full.');
    for (const status of ERROR_STATUSES) expect(errorSentence({ status, message: '', httpStatus: null }, 'https://h/x')).toMatch(/^[A-Z].*\.$/);
    for (const status of ERROR_STATUSES) expect(errorSentence({ status, message: '', httpStatus: 413 }, 'https://h/x', 'upload')).toMatch(/^[A-Z].*\.$/);
    expect(errorSentence({ status: 'Forbidden', message: 'x', httpStatus: 403 }, 'https://h/x', 'upload')).toBe('The server refuses this upload (403).');
    expect(retryWords('ServiceUnavailable')).toBe('server busy');
    expect(retryWords('Forbidden')).toBe('an error');
  });
  const snapshot = { id: '1', kind: 'download', url: 'https://h/dir/file%20one.zip', path: null, state: 'running', bytesTransferred: 50, totalBytes: 200, speed: 10, eta: 15 } as const;
  it('words, names, percentages and ETAs', () => {
    expect(statusWords({ state: 'pausedCostedNetwork', kind: 'download' })).toBe('Paused — metered network');
    expect(statusWords({ state: 'waitingForNetwork', kind: 'download' })).toBe('Waiting for network');
    // An upload that sent every byte waits for the answer; one still sending, or answered, does not.
    const upload = { state: 'running', kind: 'upload', totalBytes: 1000, response: null } as const;
    expect(statusWords({ ...upload, bytesTransferred: 1000 })).toBe('Sent, waiting for the answer');
    expect(statusWords({ ...upload, bytesTransferred: 999 })).toBe('Uploading');
    expect(statusWords({ ...upload, bytesTransferred: 1000, response: { status: 201, body: '', truncated: false, contentType: null, location: null } })).toBe('Uploading');
    expect(displayName(snapshot)).toBe('file one.zip');
    expect(displayName({ ...snapshot, path: '/d/x.iso' })).toBe('x.iso');
    expect(percent(snapshot)).toBe(25);
    expect(percent({ ...snapshot, totalBytes: null })).toBeNull();
    expect(formatEta(15)).toBe('15 s left');
    expect(formatEta(7260)).toBe('2 h 1 min left');
  });
  it('validates URLs and turns the form into requests', () => {
    expect(urlProblem([])).toBe('Enter at least one URL.');
    expect(urlProblem(['gopher://h/x'])).toBe('only http, https, ftp and ftps URLs can be downloaded.');
    expect(urlProblem(['ftp://h/x', 'ftps://h/y'])).toBeNull();
    // Every bad line at once, numbered as the text's lines (the blank third one counts).
    expect(requestsFromForm({ urls: 'https://h/a\nnot a url\n\ngopher://h/x\nhttps://h/b' })).toBe(
      'Line 2: "not a url" is not a valid URL.\nLine 4: only http, https, ftp and ftps URLs can be downloaded.',
    );
    expect(requestsFromForm({ urls: 'https://h/a\nhttps://h/b', fileName: 'x' })).toBe('A file name can only be given for a single URL.');
    expect(requestsFromForm({ urls: 'https://h/a', headers: 'bad header' })).toMatch(/must look like "Name: value"/);
    expect(requestsFromForm({ urls: 'https://h/a', dir: '/d', priority: 'high', headers: 'X-A: 1', username: 'u', password: 'p' })).toEqual([
      { url: 'https://h/a', dir: '/d', priority: 'high', headers: { 'X-A': '1' }, credential: 'u:p' },
    ]);
  });
  it('takes the connections field: empty for automatic, 1 to 64, anything else refused in words', () => {
    expect(requestsFromForm({ urls: 'https://h/a', connections: '' })).toEqual([{ url: 'https://h/a' }]);
    expect(requestsFromForm({ urls: 'https://h/a', connections: ' 1 ' })).toEqual([{ url: 'https://h/a', connections: 1 }]);
    expect(requestsFromForm({ urls: 'https://h/a', connections: '64' })).toEqual([{ url: 'https://h/a', connections: 64 }]);
    for (const bad of ['0', '65', '2.5', 'many', '-3']) {
      expect(requestsFromForm({ urls: 'https://h/a', connections: bad })).toBe('Connections must be a whole number from 1 to 64, or empty for automatic.');
    }
  });
  it('filters and totals', () => {
    const list = [
      { ...snapshot, id: 'a', state: 'running' },
      { ...snapshot, id: 'b', state: 'failed', speed: 0 },
      { ...snapshot, id: 'c', state: 'queued', speed: 0 },
    ] as never[];
    expect(list.filter((t) => matchesFilter(t, 'failed')).length).toBe(1);
    expect(totals(list)).toMatchObject({ count: 3, active: 1, failed: 1, queued: 1, speed: 10 });
    // One definition: every state is in exactly one group, and each filter shows exactly its count.
    const everyState = TRANSFER_STATES.map((state, i) => ({ ...snapshot, id: String(i), state, speed: 0 })) as never[];
    const t = totals(everyState);
    expect(GROUPS.reduce((sum, g) => sum + t[g], 0)).toBe(TRANSFER_STATES.length);
    for (const g of GROUPS) expect(everyState.filter((s) => matchesFilter(s, g)).length).toBe(t[g]);
    expect(groupOf('paused')).toBe('paused');
    expect(groupOf('pausedBattery')).toBe('active');
    expect(groupOf('canceled')).toBe('canceled');
  });
  it('tells dropped files from dropped links', () => {
    const transfer = (files: unknown[], data: Record<string, string>) => ({ files, getData: (type: string) => data[type] ?? '' }) as unknown as DataTransfer;
    expect(dropIntent(transfer([{ name: 'a.txt' }], {}))).toMatchObject({ kind: 'files' });
    expect(dropIntent(transfer([], { 'text/uri-list': '# comment\nhttps://h/a\nhttps://h/b' }))).toEqual({ kind: 'links', urls: ['https://h/a', 'https://h/b'] });
    expect(dropIntent(transfer([], { 'text/plain': 'hello' }))).toBeNull();
  });
});

describe('the throughput chart', () => {
  it('puts the top of its scale at 1, 2 or 5 times a power of ten above the peak', async () => {
    const { scaleTop } = await import('../../renderer/src/components/ThroughputChart.tsx');
    expect([0, 800, 1000, 1500, 3_000_000, 7_000_000, 12_345_678].map(scaleTop)).toEqual([1000, 1000, 1000, 2000, 5_000_000, 10_000_000, 20_000_000]);
  });
});
