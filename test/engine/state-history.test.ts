// Every state change goes through the state machine and is kept with its reason, so an automatic
// retry, a pause and a resume each explain themselves (in snapshots and `ferry ls --json`).
import { HostLimits } from '../../electron/engine/segments/host-limits.ts';
import { expect, it } from 'vitest';
import { randomFile } from '../helpers/fault-server.ts';
import { useEngineTestBed, waitFinal, waitFor } from '../helpers/engine.ts';
import { Operation } from '../../electron/engine/operation/operation.ts';
import { stepFor } from '../../electron/engine/operation/kinds.ts';
import { buildDownloadRecord } from '../../electron/engine/intake/download-request.ts';
import { defaultSettings } from '../../electron/engine/service/settings.ts';
import { UNLIMITED } from '../../electron/engine/pipe/token-bucket.ts';

const bed = useEngineTestBed();

it('keeps each state change with when and why', async () => {
  bed.server.serve('/h.bin', randomFile(300_000, { rate: 150_000 }), [{ kind: 'status', code: 503 }]);
  const t = await bed.service.createDownload({ url: bed.server.url('/h.bin'), dir: bed.dir });
  await waitFor(bed.service, t.id, (s) => s.state === 'running' && s.bytesTransferred > 30_000);
  await bed.service.pause(t.id);
  await bed.service.resume(t.id);
  const final = await waitFinal(bed.service, t.id);
  expect(final.state).toBe('completed');
  expect(final.history.map((h) => `${h.from} -> ${h.to}: ${h.reason}`)).toEqual([
    'queued -> running: started',
    expect.stringMatching(/^running -> retrying: ServiceUnavailable \(HTTP 503\): trying again in \d+ s \(1 of 3\)$/) as unknown as string,
    'retrying -> running: started',
    'running -> paused: paused by the user',
    'paused -> queued: resumed by the user',
    'queued -> running: started',
    'running -> completed: all bytes arrived and were saved',
  ]);
  for (const change of final.history) expect(Number.isNaN(Date.parse(change.at))).toBe(false);
});

it('refuses a change the state machine does not allow, and reports it as a bug', () => {
  const { record } = buildDownloadRecord({ url: 'http://127.0.0.1:1/x', dir: bed.dir }, { seq: 1, defaultDir: bed.dir });
  record.state = 'completed';
  const errors: string[] = [];
  const op = new Operation(record, {
    settings: defaultSettings,
    systemProxy: () => null,
    secret: () => undefined,
    keepCookies: () => undefined,
    isPathTaken: () => false,
    internalError: (message) => errors.push(message),
    changed: () => undefined,
    saved: async () => undefined,
    pacerFor: () => UNLIMITED,
    hostLimits: new HostLimits(),
  }, stepFor);
  op.transition('paused', 'a test');
  expect(op.state).toBe('completed');
  expect(errors).toEqual([`transfer ${record.id}: no transition from completed to paused (a test)`]);
  expect(record.history).toEqual([]);
});
