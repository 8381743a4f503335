// The weekly limit schedule: the limits its rules in force set together (policy/weekly-spans.ts
// says which are in force and when that may change).
import type { LimitRule } from '../../../shared/model.ts';
import { rulesInForce } from './weekly-spans.ts';

/** The lowest limit of the rules (0 is no limit, so it wins only when every rule says 0). */
function lowest(limits: number[]): number {
  const set = limits.filter((limit) => limit > 0);
  return set.length ? Math.min(...set) : 0;
}

/** The limits the rules in force set together: the lowest of each kind wins. Null when none is in force. */
export function scheduledLimits(schedule: readonly LimitRule[], at: number): { rules: LimitRule[]; download: number; upload: number } | null {
  const rules = rulesInForce(schedule, at);
  if (rules.length === 0) return null;
  return { rules, download: lowest(rules.map((rule) => rule.downloadLimitBytesPerSec)), upload: lowest(rules.map((rule) => rule.uploadLimitBytesPerSec)) };
}

