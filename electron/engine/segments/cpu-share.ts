// How busy this process was over a window of the ramp (segments/ramp.ts WindowFacts.busy).

/**
 * The share of `ms` this process spent on a CPU since `since`. Not the event loop's utilization:
 * that counts the time a loaded machine kept the process waiting for a CPU mid-callback as work, so
 * at load 14 on 2 cores a lone connection throttled to 5 MiB/s (a few % of one core's work) looked
 * busy and waited ~1.3 s alone for the ramp's recheck (bench/segments-bench.ts).
 */
export function cpuShare(since: NodeJS.CpuUsage, ms: number): number {
  if (ms <= 0) return 0;
  const { user, system } = process.cpuUsage(since);
  return Math.min(1, (user + system) / 1000 / ms);
}
