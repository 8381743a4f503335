// A damaged store is moved aside with a clear message, never silently emptied.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openHomeStores } from '../../electron/daemon/file-stores.ts';
import { FileSecretStore } from '../../electron/engine/state/secrets-file.ts';
import { emptyState } from '../../electron/engine/state/records.ts';
import { WriteBehind } from '../../electron/engine/state/write-behind.ts';
import { TransferService } from '../../electron/engine/transfer-service.ts';
import { tempDir } from '../helpers/engine.ts';
import { throwawaySecret } from '../helpers/secrets.ts';

const dirs: string[] = [];
const openJobStore = async (dir: string, warn: (message: string) => void) => openHomeStores(dir, warn).store;
const home = () => {
  const d = tempDir();
  dirs.push(d);
  return d;
};
afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

describe('store recovery', () => {
  it('round-trips state with mode 0600', async () => {
    const h = home();
    const store = await openJobStore(h, () => undefined);
    store.save({ ...emptyState(), seq: 7 });
    // Saves reach the disk in the background; the store reads back its own newest save at once.
    expect(store.load().seq).toBe(7);
    await store.flush();
    expect((await openJobStore(h, () => undefined)).load().seq).toBe(7);
    expect(fs.statSync(path.join(h, 'state.json')).mode & 0o777).toBe(0o600);
  });

  it('moves invalid JSON aside and says where', async () => {
    const h = home();
    fs.writeFileSync(path.join(h, 'state.json'), '{"version":1, "operations": {trunc');
    const warnings: string[] = [];
    const store = await openJobStore(h, (m) => warnings.push(m));
    expect(store.load().operations).toEqual({});
    expect(warnings[0]).toMatch(/could not be read.*moved to .*state\.json\.corrupt-/);
    const aside = fs.readdirSync(h).find((f) => f.startsWith('state.json.corrupt-'))!;
    expect(fs.readFileSync(path.join(h, aside), 'utf8')).toContain('trunc');
  });

  it('moves a file of the wrong shape aside', async () => {
    const h = home();
    fs.writeFileSync(path.join(h, 'state.json'), JSON.stringify({ version: 2, hello: 'world' }));
    const warnings: string[] = [];
    (await openJobStore(h, (m) => warnings.push(m))).load();
    expect(warnings[0]).toMatch(/does not have the shape Ferry writes; it was moved to/);
    expect(fs.readdirSync(h).some((f) => f.startsWith('state.json.corrupt-'))).toBe(true);
  });

  for (const [raw, words] of [['null', 'null'], ['[]', 'an array'], ['42', 'a number']] as const) {
    it(`moves a state file that holds ${words} aside instead of emptying it silently`, async () => {
      const h = home();
      fs.writeFileSync(path.join(h, 'state.json'), raw);
      const warnings: string[] = [];
      expect((await openJobStore(h, (m) => warnings.push(m))).load().operations).toEqual({});
      expect(warnings[0]).toMatch(new RegExp(`holds ${words}, not the object Ferry writes; it was moved to .*state\\.json\\.corrupt-`));
      const aside = fs.readdirSync(h).find((f) => f.startsWith('state.json.corrupt-'))!;
      expect(fs.readFileSync(path.join(h, aside), 'utf8')).toBe(raw);
    });
  }

  it('deletes the credentials of transfers that no longer exist when the engine starts', async () => {
    const h = home();
    const file = path.join(h, 'secrets.json');
    const earlier = new FileSecretStore(file, () => undefined);
    earlier.set('gone-transfer', { credential: 'u:p' });
    await earlier.flush();
    const service = new TransferService({ ...openHomeStores(h, () => undefined), warn: () => undefined });
    await service.start();
    await service.shutdown();
    await expect.poll(() => JSON.parse(fs.readFileSync(file, 'utf8'))).toEqual({});
  });

  it('moves aside, with a message, a state file written by a newer Ferry', async () => {
    const h = home();
    fs.writeFileSync(path.join(h, 'state.json'), JSON.stringify({ version: 99, seq: 1, operations: {}, groups: {}, settings: {} }));
    const warnings: string[] = [];
    (await openJobStore(h, (m) => warnings.push(m))).load();
    expect(warnings[0]).toMatch(/cannot be read: it was written by a newer Ferry \(state version 99; this one reads up to 8\); it was moved to/);
  });

  it('keeps unreadable records in a side file and loads the rest', async () => {
    const h = home();
    fs.writeFileSync(path.join(h, 'state.json'), JSON.stringify({ ...emptyState(), operations: { bad: { id: 'bad' } } }));
    const warnings: string[] = [];
    const state = (await openJobStore(h, (m) => warnings.push(m))).load();
    expect(state.operations).toEqual({});
    expect(warnings[0]).toMatch(/1 transfer record\(s\).*were saved to/);
  });

  it('keeps secrets in a 0600 file and survives a damaged one', async () => {
    const h = home();
    const file = path.join(h, 'secrets.json');
    const written = new FileSecretStore(file, () => undefined);
    written.set('a', { credential: 'u:p' });
    await written.flush();
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(new FileSecretStore(file, () => undefined).get('a')).toEqual({ credential: 'u:p' });
    fs.writeFileSync(file, 'garbage');
    const warnings: string[] = [];
    expect(new FileSecretStore(file, (m) => warnings.push(m)).get('a')).toBeUndefined();
    expect(warnings[0]).toMatch(/credentials file .*secrets\.json could not be read .*; it was moved to .*secrets\.json\.corrupt-/);
  });
});

describe('write-behind saving', () => {
  it('writes one state at a time, the newest last, and flush waits for it', async () => {
    const written: number[] = [];
    let active = 0;
    let overlapped = false;
    const writer = new WriteBehind(async (json) => {
      active++;
      if (active > 1) overlapped = true;
      await new Promise((resolve) => setTimeout(resolve, 20));
      written.push((JSON.parse(json) as { seq: number }).seq);
      active--;
    }, () => undefined);
    for (let seq = 1; seq <= 50; seq++) writer.queue({ ...emptyState(), seq });
    await writer.flush();
    expect(overlapped).toBe(false);
    // The first save starts a write at once; the 49 saves made meanwhile collapse into one.
    expect(written).toEqual([1, 50]);
  });

  it('fails the flushes a failed write covered, warns once, and writes the newest state by itself once it can', async () => {
    const warnings: string[] = [];
    let failures = 2;
    const written: number[] = [];
    const writer = new WriteBehind(async (json) => {
      if (failures > 0) {
        failures--;
        throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
      }
      written.push((JSON.parse(json) as { seq: number }).seq);
    }, (m) => warnings.push(m));
    writer.queue({ ...emptyState(), seq: 1 });
    await expect(writer.flush()).rejects.toThrow(/ENOSPC/);
    writer.queue({ ...emptyState(), seq: 2 });
    // Nobody saves again: the retry writes seq 2 (the newest) once the disk takes it.
    await expect.poll(() => written, { timeout: 5000 }).toEqual([2]);
    await writer.flush();
    expect(warnings).toEqual(['ENOSPC: no space left on device, write', "Ferry's state is saved again"]);
  });

  it('a state given as a function is built when it is written: 50 saves in a burst build it at most twice', async () => {
    const h = home();
    const store = await openJobStore(h, () => undefined);
    let builds = 0;
    let seq = 0;
    for (let i = 0; i < 50; i++) {
      seq++;
      store.save(() => {
        builds++;
        return { ...emptyState(), seq };
      });
    }
    await store.flush();
    expect(builds).toBeLessThanOrEqual(2);
    expect((await openJobStore(h, () => undefined)).load().seq).toBe(50);
  });

  it('a state file written in the background is what the next start reads', async () => {
    const h = home();
    const store = await openJobStore(h, () => undefined);
    for (let seq = 1; seq <= 20; seq++) store.save({ ...emptyState(), seq });
    await store.flush();
    expect((await openJobStore(h, () => undefined)).load().seq).toBe(20);
    expect(fs.readdirSync(h).filter((f) => f.includes('tmp'))).toEqual([]);
  });
});

describe('write-behind flush', () => {
  it('a flush after a failed write tries again at once instead of waiting for the retry timer', async () => {
    let failures = 1;
    const written: number[] = [];
    const writer = new WriteBehind(async (json) => {
      if (failures-- > 0) throw Object.assign(new Error('ENOENT: the temporary file went away'), { code: 'ENOENT' });
      written.push((JSON.parse(json) as { seq: number }).seq);
    }, () => undefined);
    writer.queue({ ...emptyState(), seq: 1 });
    await expect(writer.flush()).rejects.toThrow(/ENOENT/);
    // The retry timer (500 ms, unref'd) would come later, or never if the process only waits.
    const asked = performance.now();
    await writer.flush();
    expect(written).toEqual([1]);
    expect(performance.now() - asked).toBeLessThan(400);
  });

  it('a store opened again removes the temporary files of writes a killed process left', async () => {
    const h = home();
    fs.mkdirSync(h, { recursive: true });
    fs.writeFileSync(path.join(h, 'state.json.tmp-1764601234abcdef'), '{"half":');
    fs.writeFileSync(path.join(h, 'other.json.tmp-1764601234abcdef'), 'not ours');
    await openJobStore(h, () => undefined);
    expect(fs.readdirSync(h).sort()).toEqual(['other.json.tmp-1764601234abcdef']);
  });

  it('spaces writes nobody waits for, and writes at once for a flush', async () => {
    const starts: number[] = [];
    const writer = new WriteBehind(async () => {
      starts.push(performance.now());
    }, () => undefined);
    // Saves that keep coming (200 downloads finishing): the second write waits out a quiet gap...
    writer.queue({ ...emptyState(), seq: 1 });
    await new Promise((resolve) => setTimeout(resolve, 5));
    writer.queue({ ...emptyState(), seq: 2 });
    await expect.poll(() => starts.length, { timeout: 2000 }).toBe(2);
    expect(starts[1]! - starts[0]!).toBeGreaterThanOrEqual(40);
    // ...unless a command waits for its save: then it is written without the gap.
    writer.queue({ ...emptyState(), seq: 3 });
    const asked = performance.now();
    await writer.flush();
    expect(starts).toHaveLength(3);
    expect(starts[2]! - asked).toBeLessThan(40);
  });


  it('waits only for the saves made before it, even while new ones keep coming', async () => {
    let writes = 0;
    const writer = new WriteBehind(async () => {
      writes++;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }, () => undefined);
    // A busy daemon: a save every 2 ms, forever (until the test stops it).
    let seq = 0;
    const busy = setInterval(() => writer.queue({ ...emptyState(), seq: ++seq }), 2);
    try {
      await new Promise((resolve) => setTimeout(resolve, 15));
      const flushed = writer.flush();
      const outcome = await Promise.race([flushed.then(() => 'flushed'), new Promise((resolve) => setTimeout(() => resolve('hung'), 500))]);
      expect(outcome).toBe('flushed');
      expect(writes).toBeGreaterThan(0);
    } finally {
      clearInterval(busy);
      await writer.flush();
    }
  });
});

describe('staging sweep', () => {
  it('removes staged files nobody used for a day and keeps the rest', async () => {
    const { sweepStaging, stagingDir, STAGED_TTL_MS } = await import('../../electron/daemon/staging.ts');
    const h = home();
    for (const [id, ageMs] of [['old', STAGED_TTL_MS + 60_000], ['fresh', 60_000], ['old-but-queued', STAGED_TTL_MS + 60_000]] as const) {
      const dir = path.join(stagingDir(h), id);
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(path.join(dir, 'a.bin'), 'x');
      const when = new Date(Date.now() - ageMs);
      fs.utimesSync(dir, when, when);
    }
    // An upload still uses the third (it waits in the list): it stays until the upload leaves.
    sweepStaging(h, new Set(['old-but-queued']));
    expect(fs.readdirSync(stagingDir(h)).sort()).toEqual(['fresh', 'old-but-queued']);
  });
});

describe('credentials of records set aside', () => {
  /** A home whose state holds two paused downloads with credentials, saved by a real engine. */
  async function homeWithCredentials(): Promise<{ h: string; ids: string[]; credentials: string[] }> {
    const h = home();
    const service = new TransferService({ ...openHomeStores(h, () => undefined), warn: () => undefined });
    await service.start();
    const credentials = [`ann:${throwawaySecret()}`, `bob:${throwawaySecret()}`];
    const ids: string[] = [];
    for (const credential of credentials) {
      const t = await service.createDownload({ url: 'http://127.0.0.1:9/never', dir: path.join(h, 'd'), credential });
      await service.pause(t.id);
      ids.push(t.id);
    }
    await service.shutdown();
    return { h, ids, credentials };
  }

  it('a damaged record keeps its credentials beside it, named in the message; the others stay', async () => {
    const { h, ids, credentials } = await homeWithCredentials();
    const stateFile = path.join(h, 'state.json');
    const state = JSON.parse(fs.readFileSync(stateFile, 'utf8'));
    state.operations[ids[1]!].state = 'exploded';
    fs.writeFileSync(stateFile, JSON.stringify(state));
    const warnings: string[] = [];
    const service = new TransferService({ ...openHomeStores(h, (m) => warnings.push(m)), warn: (m) => warnings.push(m) });
    await service.start();
    await service.shutdown();
    const side = fs.readdirSync(h).find((f) => /^state\.json\.rejected-\d+\.secrets\.json$/.test(f))!;
    expect(warnings).toEqual([expect.stringMatching(new RegExp(`^1 transfer record\\(s\\) in .*state\\.json were unreadable and were saved to .*state\\.json\\.rejected-\\d+\\.json; the credentials of that transfer were kept with it in ${path.join(h, side).replace(/[.]/g, '\\.')} \\(0600\\)$`))]);
    expect(fs.statSync(path.join(h, side)).mode & 0o777).toBe(0o600);
    expect(JSON.parse(fs.readFileSync(path.join(h, side), 'utf8'))).toEqual({ [ids[1]!]: { credential: credentials[1] } });
    expect(JSON.parse(fs.readFileSync(path.join(h, 'secrets.json'), 'utf8'))).toEqual({ [ids[0]!]: { credential: credentials[0] } });
  });

  it('a truncated state file keeps every credential beside it', async () => {
    const { h, ids, credentials } = await homeWithCredentials();
    const stateFile = path.join(h, 'state.json');
    fs.writeFileSync(stateFile, fs.readFileSync(stateFile, 'utf8').slice(0, 300));
    const warnings: string[] = [];
    const service = new TransferService({ ...openHomeStores(h, (m) => warnings.push(m)), warn: (m) => warnings.push(m) });
    await service.start();
    await service.shutdown();
    const aside = fs.readdirSync(h).find((f) => /^state\.json\.corrupt-[\dTZ-]+$/.test(f))!;
    const side = path.join(h, `${aside}.secrets.json`);
    expect(warnings).toEqual([`Ferry's state file ${stateFile} could not be read (${warnings[0]!.match(/could not be read \((.*)\); it was moved/)![1]}); it was moved to ${path.join(h, aside)} and Ferry started with an empty list; the credentials of those 2 transfers were kept with them in ${side} (0600)`]);
    expect(fs.statSync(side).mode & 0o777).toBe(0o600);
    expect(JSON.parse(fs.readFileSync(side, 'utf8'))).toEqual({ [ids[0]!]: { credential: credentials[0] }, [ids[1]!]: { credential: credentials[1] } });
    expect(JSON.parse(fs.readFileSync(path.join(h, 'secrets.json'), 'utf8'))).toEqual({});
  });
});

describe('a long list of finished transfers', () => {
  it('takes those beyond keepFinished off at start, the oldest first, and says so', async () => {
    const h = home();
    const first = new TransferService({ ...openHomeStores(h, () => undefined), warn: () => undefined });
    await first.start();
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const t = await first.createDownload({ url: `http://127.0.0.1:9/f${i}`, dir: path.join(h, 'd') });
      await first.cancel(t.id);
      ids.push(t.id);
    }
    await first.shutdown();
    const stateFile = path.join(h, 'state.json');
    const state = JSON.parse(fs.readFileSync(stateFile, 'utf8'));
    state.settings.keepFinished = 2;
    fs.writeFileSync(stateFile, JSON.stringify(state));
    const warnings: string[] = [];
    const second = new TransferService({ ...openHomeStores(h, (m) => warnings.push(m)), warn: (m) => warnings.push(m) });
    await second.start();
    expect((await second.listTransfers()).map((t) => t.id).sort()).toEqual(ids.slice(3).sort());
    await second.shutdown();
    expect(warnings).toEqual(['3 finished transfers beyond keepFinished (2) were taken off the list at start, those that finished longest ago; their files stay (raise keepFinished, up to 100,000, to keep more)']);
    expect(Object.keys(JSON.parse(fs.readFileSync(stateFile, 'utf8')).operations).sort()).toEqual(ids.slice(3).sort());
  });
});
