// The speed limits in the UI's logic: a speed typed in a form (refused in words, nothing queued),
// the header's line while a global limit binds, a schedule rule in words, and a transfer's own
// limit set from the store on a real engine while it runs.
import { describe, expect, it } from 'vitest';
import type { LimitRule, LimitStatus } from '../../shared/model.ts';
import { createFerryStore } from '../../renderer/src/state/store.ts';
import { requestsFromForm, uploadRequestsFromForm } from '../../renderer/src/state/forms.ts';
import { limitLine, rateFromText, rateText, ruleText, scheduleProblem } from '../../renderer/src/state/limits.ts';
import { randomFile } from '../helpers/fault-server.ts';
import { waitFor } from '../helpers/engine.ts';
import { useUiBed } from '../helpers/ui-bridge.ts';

const office: LimitRule = { days: [1, 2, 3, 4, 5], from: '09:00', to: '18:00', downloadLimitBytesPerSec: 1_000_000, uploadLimitBytesPerSec: 0 };
const status = (patch: Partial<LimitStatus>): LimitStatus => ({ source: 'normal', rules: [], downloadBytesPerSec: 0, uploadBytesPerSec: 0, binding: [], ...patch });

describe('speed limits as the UI takes and says them', () => {
  it('takes speeds as the CLI does, and says what is wrong with one', () => {
    expect(rateFromText('')).toBe(0);
    expect(rateFromText(' none ')).toBe(0);
    expect(rateFromText('500k')).toBe(500_000);
    expect(rateFromText('1.5MiB')).toBe(1_572_864);
    expect(rateFromText('fast')).toBe('"fast" is not a speed: write e.g. 500k, 2M or 1.5MiB (bytes per second), or leave it empty for no limit.');
    expect([rateText(2_000_000), rateText(50_000), rateText(1234), rateText(null), rateText(0)]).toEqual(['2M', '50k', '1234', '', '']);
  });

  it('puts a transfer’s own limit in the add and upload requests, and queues nothing with a bad one', () => {
    expect(requestsFromForm({ urls: 'https://example.org/a.iso', limit: '2M' })).toEqual([{ url: 'https://example.org/a.iso', limitBytesPerSec: 2_000_000 }]);
    expect(requestsFromForm({ urls: 'https://example.org/a.iso', limit: '' })).toEqual([{ url: 'https://example.org/a.iso' }]);
    expect(requestsFromForm({ urls: 'https://example.org/a.iso', limit: '2 fast' })).toMatch(/^"2 fast" is not a speed/);
    const upload = uploadRequestsFromForm({ url: 'https://example.org/in/', protocol: 'raw', method: '', limit: '300k' }, [{ name: 'a.bin', path: '/tmp/a.bin' }]);
    expect(upload).toMatchObject([{ limitBytesPerSec: 300_000 }]);
    expect(uploadRequestsFromForm({ url: 'https://example.org/in/', protocol: 'raw', method: '', limit: 'x' }, [{ name: 'a.bin', path: '/tmp/a.bin' }])).toMatch(/^"x" is not a speed/);
  });

  it('says in the header what holds transfers back and why, only while a limit binds', () => {
    expect(limitLine(null)).toBeNull();
    expect(limitLine(status({ downloadBytesPerSec: 1_000_000 }))).toBeNull();
    expect(limitLine(status({ source: 'alternative', downloadBytesPerSec: 1_000_000, binding: ['download'] }))).toBe('Limited to 1.0 MB/s down (alternative limit)');
    expect(limitLine(status({ source: 'schedule', rules: [office], downloadBytesPerSec: 1_000_000, uploadBytesPerSec: 200_000, binding: ['download', 'upload'] }))).toBe(
      'Limited to 1.0 MB/s down, 200 kB/s up (schedule: weekdays 09:00-18:00)',
    );
    expect(limitLine(status({ uploadBytesPerSec: 50_000, binding: ['upload'] }))).toBe('Limited to 50.0 kB/s up (speed limit in Settings)');
  });

  it('names a rule’s days and span in words, and says what is missing from one', () => {
    expect(ruleText(office)).toBe('weekdays 09:00-18:00');
    expect(ruleText({ ...office, days: [0, 6], from: '22:00', to: '06:00' })).toBe('weekends 22:00-06:00');
    expect(ruleText({ ...office, days: [0, 1, 3], from: '00:00', to: '24:00' })).toBe('Mon, Wed, Sun, all day');
    expect(scheduleProblem([office])).toBeNull();
    expect(scheduleProblem([office, { ...office, days: [] }])).toBe('Rule 2 of the schedule needs at least one day.');
    expect(scheduleProblem([{ ...office, to: '' }])).toBe('Rule 1 of the schedule needs a time to start and one to end.');
  });
});

describe('a transfer’s own limit from the store', () => {
  const bed = useUiBed();

  it('changes it while the download runs and shows the engine’s answer; refuses it once finished', async () => {
    bed.server.serve('/slow.bin', randomFile(2_000_000, { rate: 200_000 }));
    const store = createFerryStore({ bridge: bed.bridge, scheduleFrame: () => undefined });
    try {
      await store.getState().load();
      expect(store.getState().limits).toEqual({ source: 'normal', rules: [], downloadBytesPerSec: 0, uploadBytesPerSec: 0, binding: [] });
      const added = await store.getState().addDownloads({ urls: bed.server.url('/slow.bin'), dir: bed.dir, limit: '1M' });
      expect(added.ok).toBe(true);
      const id = added.ok ? added.ids[0]! : '';
      await waitFor(bed.service, id, (t) => t.state === 'running');
      expect(await store.getState().change((bridge) => bridge.setLimit(id, 50_000))).toEqual({ ok: true, ids: [id] });
      expect(store.getState().transfers.get(id)?.limitBytesPerSec).toBe(50_000);
      expect((await bed.service.getTransfer(id)).limitBytesPerSec).toBe(50_000);
      await bed.service.setSettings({ alternativeLimitOn: true, altDownloadLimitBytesPerSec: 10_000 });
      await expect.poll(() => store.getState().limits?.source).toBe('alternative');
      await bed.service.cancel(id);
      const refused = await store.getState().change((bridge) => bridge.setLimit(id, null));
      expect(refused).toMatchObject({ ok: false, error: expect.stringMatching(/is canceled; a speed limit no longer matters/) });
    } finally {
      store.dispose();
    }
  });
});
