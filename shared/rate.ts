// Speeds as people type them (`--limit-rate 5M`, `ferry limit ID 500k`): SI units as everywhere in
// Ferry (k = 1000, M = 1,000,000, G = 10^9), the binary ones spelled out (KiB, MiB, GiB), an
// optional "B" or "B/s"; 0 or "none" for no limit.
const UNITS: Record<string, number> = { '': 1, k: 1e3, m: 1e6, g: 1e9, kib: 1024, mib: 1024 ** 2, gib: 1024 ** 3 };

/** Bytes per second, or null when `text` is not a speed. */
export function parseRate(text: string): number | null {
  const trimmed = text.trim().toLowerCase();
  if (trimmed === 'none') return 0;
  const match = /^(\d+(?:\.\d+)?)\s*(k|m|g|kib|mib|gib)?(?:b)?(?:\/s)?$/.exec(trimmed);
  if (!match) return null;
  const bytes = Math.round(Number(match[1]) * UNITS[match[2] ?? '']!);
  return Number.isSafeInteger(bytes) && bytes <= 1e12 ? bytes : null;
}
