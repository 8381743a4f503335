// Builds a TransferService with fast retry settings over a temp folder, and waits on transfers.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createHash, randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { FaultServer } from './fault-server.ts';
import { TransferService, type TransferServiceOptions } from '../../electron/engine/transfer-service.ts';
import { MemoryJobStore, MemorySecretStore } from '../../electron/engine/state/store.ts';
import type { GroupInfo, TransferSnapshot, TransferState } from '../../shared/model.ts';

export function tempDir(prefix = 'ferry-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export const FAST: TransferServiceOptions['defaults'] = {
  retryBaseDelayMs: 50,
  retryMaxDelayMs: 200,
  stallTimeoutMs: 1000,
  connectTimeoutMs: 5000,
  responseTimeoutMs: 5000,
};

export async function makeService(dir: string, options: Partial<TransferServiceOptions> = {}): Promise<TransferService> {
  const service = new TransferService({
    store: options.store ?? new MemoryJobStore(),
    secrets: options.secrets ?? new MemorySecretStore(),
    // An impossible state change is a bug: fail the test that made it.
    warn: (message) => {
      if (message.startsWith('internal error')) throw new Error(message);
    },
    ...options,
    defaults: { ...FAST, downloadDir: dir, ...options.defaults },
  });
  await service.start();
  return service;
}

export async function waitFor(
  service: TransferService,
  id: string,
  predicate: (t: TransferSnapshot) => boolean,
  timeoutMs = 20_000,
): Promise<TransferSnapshot> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const t = await service.getTransfer(id);
    if (predicate(t)) return t;
    if (Date.now() > deadline) throw new Error(`timed out waiting; transfer is ${t.state} at ${t.bytesTransferred}: ${JSON.stringify(t.error)}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const FINAL: TransferState[] = ['completed', 'failed', 'canceled'];
export const waitFinal = (service: TransferService, id: string, timeoutMs?: number) =>
  waitFor(service, id, (t) => FINAL.includes(t.state), timeoutMs);

/** A file of `size` random bytes at `dir/name`; its path. */
export function writeRandomFile(dir: string, name: string, size: number): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, randomBytes(size));
  return file;
}

export function sha256File(file: string): string {
  return createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

export function listDir(dir: string): string[] {
  return fs.readdirSync(dir).sort();
}

/**
 * The usual engine test bed, fresh for each test: a fault server, a temp folder and a service
 * downloading into it (shut down and removed afterwards). A test may replace `service`.
 */
export function useEngineTestBed(options: Partial<TransferServiceOptions> = {}): { server: FaultServer; dir: string; service: TransferService } {
  const bed = {} as { server: FaultServer; dir: string; service: TransferService };
  beforeEach(async () => {
    bed.server = await new FaultServer().start();
    bed.dir = tempDir();
    bed.service = await makeService(bed.dir, options);
  });
  afterEach(async () => {
    await bed.service.shutdown();
    await bed.server.close();
    fs.rmSync(bed.dir, { recursive: true, force: true });
  });
  return bed;
}

/** A fault server and a work folder shared by every test of a file (daemon and CLI tests). */
export function useSharedServer(): { server: FaultServer; work: string } {
  const shared = {} as { server: FaultServer; work: string };
  beforeAll(async () => {
    shared.server = await new FaultServer().start();
    shared.work = tempDir();
  });
  afterAll(async () => {
    await shared.server.close();
    fs.rmSync(shared.work, { recursive: true, force: true });
  });
  return shared;
}

/** Waits until the group's actions have run (firedAt set); the group as listed then. */
export async function waitGroupFired(service: TransferService, name: string, timeoutMs = 20_000): Promise<GroupInfo> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const group = (await service.listGroups()).find((g) => g.name === name);
    if (group?.firedAt) return group;
    if (Date.now() > deadline) throw new Error(`group ${name} did not fire: ${JSON.stringify(group)}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
