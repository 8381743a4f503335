// The conditions poll: every pollMs, and only once a minute (a safety net) while the OS announces
// every change itself; refresh() reads at once either way.
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { PollingMonitor, SAFETY_POLL_MS } from '../../electron/engine/policy/conditions/polling-monitor.ts';
import { ASSUMED_CONDITIONS } from '../../electron/engine/policy/conditions-monitor.ts';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

it('polls every pollMs, then once a minute while changes are followed, and often again when they no longer are', async () => {
  let reads = 0;
  let followed = false;
  const monitor = await new PollingMonitor(
    async () => {
      reads++;
      return ASSUMED_CONDITIONS;
    },
    () => undefined,
    () => followed,
  ).start(1000);
  expect(reads).toBe(1);
  await vi.advanceTimersByTimeAsync(5000);
  expect(reads).toBe(6);
  followed = true;
  await vi.advanceTimersByTimeAsync(1000); // the poll already planned
  expect(reads).toBe(7);
  await vi.advanceTimersByTimeAsync(SAFETY_POLL_MS - 1000);
  expect(reads).toBe(7);
  await vi.advanceTimersByTimeAsync(1000);
  expect(reads).toBe(8);
  monitor.refresh();
  await vi.advanceTimersByTimeAsync(0);
  expect(reads).toBe(9);
  followed = false;
  await vi.advanceTimersByTimeAsync(SAFETY_POLL_MS);
  await vi.advanceTimersByTimeAsync(3000);
  expect(reads).toBe(13);
  monitor.close();
  await vi.advanceTimersByTimeAsync(SAFETY_POLL_MS);
  expect(reads).toBe(13);
});
