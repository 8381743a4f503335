// A long saved list starts in one pass: records read one by one and checked quickly, and what
// start and shutdown write. What a damaged record costs is in test/unit/store-recovery.test.ts.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openHomeStores } from '../../electron/daemon/file-stores.ts';
import { TransferService } from '../../electron/engine/transfer-service.ts';
import { StateWriter } from '../../electron/engine/state/state-writer.ts';
import { MemoryJobStore } from '../../electron/engine/state/store.ts';
import { built } from '../../electron/engine/state/write-behind.ts';
import { emptyState } from '../../electron/engine/state/records.ts';
import { tempDir } from '../helpers/engine.ts';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

function finished(i: number, dir: string): Record<string, unknown> {
  const id = `00000000-0000-4000-8000-${i.toString(16).padStart(12, '0')}`;
  const at = new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString();
  return {
    id, kind: 'download', seq: i + 1, url: `http://127.0.0.1:9/f${i}.bin`, requestedPath: null, dir, path: path.join(dir, `f${i}.bin`),
    state: 'completed', priority: 'default', costPolicy: 'default', group: null, connections: 1, checksum: null,
    headers: {}, secretHeaderNames: [], hasCredential: false, totalBytes: 10, bytesDurable: 10, validator: null, partIdentity: null,
    history: [{ at, from: 'running', to: 'completed', reason: 'all bytes arrived and were saved' }],
    decodeOnFinish: null, finalizing: false, error: null, retries: [], createdAt: at, completedAt: at,
  };
}

/** A home whose state file (pretty-printed, so a rewrite shows) holds `count` finished downloads, the `broken` ones damaged. */
function homeWith(count: number, broken: number[] = []): { home: string; file: string; text: string } {
  const home = tempDir();
  dirs.push(home);
  const operations: Record<string, unknown> = {};
  for (let i = 0; i < count; i++) {
    const record = finished(i, home);
    operations[record['id'] as string] = broken.includes(i) ? { ...record, seq: 'not a number' } : record;
  }
  const text = JSON.stringify({ version: 3, seq: count, operations, groups: {}, settings: { keepFinished: 100_000 } }, null, 1);
  const file = path.join(home, 'state.json');
  fs.writeFileSync(file, text, { mode: 0o600 });
  return { home, file, text };
}

async function started(home: string, warnings: string[] = []): Promise<TransferService> {
  const service = new TransferService({ ...openHomeStores(home, (m) => warnings.push(m)), warn: (m) => warnings.push(m) });
  await service.start();
  return service;
}

describe('starting with a long list of finished transfers', () => {
  it('lists every record in order, and an unchanged list is not written again at shutdown', async () => {
    const { home, file, text } = homeWith(3000);
    const warnings: string[] = [];
    const service = await started(home, warnings);
    const listed = await service.listTransfers();
    expect(listed).toHaveLength(3000);
    expect(listed.map((t) => t.seq)).toEqual(Array.from({ length: 3000 }, (_, i) => i + 1));
    expect(listed.every((t) => t.state === 'completed' && t.speed === 0 && t.eta === null)).toBe(true);
    await service.shutdown();
    expect(warnings).toEqual([]);
    expect(fs.readFileSync(file, 'utf8')).toBe(text);
  });

  it('saves at shutdown what changed since the last save, and only then', async () => {
    const saves: number[] = [];
    const store = new MemoryJobStore();
    const save = store.save.bind(store);
    store.save = (state) => {
      saves.push(built(state).seq);
      save(state);
    };
    let seq = 0;
    const writer = new StateWriter(store, () => ({ ...emptyState(), seq }), 60_000, () => undefined);
    writer.nowIfChanged();
    await writer.flush();
    expect(saves).toEqual([]);
    // A progress checkpoint waiting for its interval is saved at once.
    seq = 1;
    writer.soon();
    writer.nowIfChanged();
    await writer.flush();
    expect(saves).toEqual([1]);
    writer.nowIfChanged();
    await writer.flush();
    expect(saves).toEqual([1]);
  });

  it('sets damaged records among thousands aside with a message and keeps the rest', async () => {
    const { home, file } = homeWith(3000, [7, 2999]);
    const warnings: string[] = [];
    const service = await started(home, warnings);
    expect(await service.listTransfers()).toHaveLength(2998);
    await service.shutdown();
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/2 transfer record\(s\) in .*state\.json were unreadable and were saved to .*rejected-/);
    const side = fs.readdirSync(home).find((f) => f.includes('.rejected-'))!;
    expect(Object.values(JSON.parse(fs.readFileSync(path.join(home, side), 'utf8')) as Record<string, { seq: unknown }>).map((r) => r.seq)).toEqual(['not a number', 'not a number']);
    // The file no longer holds them: the next start does not set them aside again.
    expect(Object.keys((JSON.parse(fs.readFileSync(file, 'utf8')) as { operations: object }).operations)).toHaveLength(2998);
  });
});
