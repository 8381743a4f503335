import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'renderer/**/*.test.{ts,tsx}', 'electron/**/*.test.ts', 'e2e/**/*.e2e.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Integration tests start real servers and processes; keep the 2-core machine unhurried.
    maxWorkers: 2,
    // A condition polled without its own timeout (a row's words, a ferry ls) gets 10 s, not 1 s:
    // on a loaded 2-core machine one `ferry ls` alone can take most of a second.
    expect: { poll: { timeout: 10_000 } },
  },
});
