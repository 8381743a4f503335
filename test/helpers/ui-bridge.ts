// The UI store's host in tests: the real engine in process, behind the same API the daemon exposes,
// with a way to push an event as a host would (a late batch, a removal heard from elsewhere).
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import type { EventName, FerryBridge, FerryEvents } from '../../shared/api.ts';
import { createDaemonApi } from '../../electron/daemon/daemon-api.ts';
import { integrationApi } from '../../electron/daemon/integrate/browser-integrations.ts';
import type { TransferService } from '../../electron/engine/transfer-service.ts';
import { FaultServer } from './fault-server.ts';
import { makeService, tempDir } from './engine.ts';

export interface UiBed {
  server: FaultServer;
  dir: string;
  service: TransferService;
  bridge: FerryBridge;
  /** Delivers an event to the store's listeners, as if the host had sent it. */
  emit<E extends EventName>(event: E, payload: FerryEvents[E]): void;
}

export function useUiBed(): UiBed {
  const bed = {} as UiBed;
  beforeEach(async () => {
    bed.server = await new FaultServer().start();
    bed.dir = tempDir();
    bed.service = await makeService(bed.dir);
    const listeners = new Map<EventName, Set<(payload: never) => void>>();
    // Settings' Browsers against a user folder of the bed's own (no browser found unless a test makes one).
    const browsersHost = { where: { platform: 'linux' as const, homeDir: path.join(bed.dir, 'user-home') }, launch: { node: process.execPath, ferryBin: '/usr/bin/ferry', home: bed.dir } };
    bed.bridge = Object.assign(createDaemonApi(bed.service, { file: (id) => `ticket-for-${id}`, stream: (id) => `stream-ticket-for-${id}` }, integrationApi(() => browsersHost)), {
      on<E extends EventName>(event: E, listener: (payload: FerryEvents[E]) => void): () => void {
        const own = listeners.get(event) ?? new Set();
        listeners.set(event, own);
        own.add(listener);
        const off = bed.service.on(event, listener);
        return () => {
          off();
          own.delete(listener);
        };
      },
    });
    bed.emit = (event, payload) => listeners.get(event)?.forEach((listener) => (listener as (p: typeof payload) => void)(payload));
  });
  afterEach(async () => {
    await bed.service.shutdown();
    await bed.server.close();
    fs.rmSync(bed.dir, { recursive: true, force: true });
  });
  return bed;
}
