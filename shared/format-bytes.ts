/**
 * Sizes for people, one convention everywhere (the UI, the CLI, the README): SI decimal units,
 * 1 kB = 1000 bytes, 1 MB = 1000 kB, as the file managers of GNOME and macOS show them; speeds in
 * the same units per second.
 */
export function formatBytes(bytes: number | null | undefined, options: { unknown?: string } = {}): string {
  if (bytes === null || bytes === undefined) return options.unknown ?? '—';
  const base = 1000;
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= base && unit < units.length - 1) {
    value /= base;
    unit++;
  }
  return `${value.toFixed(unit === 0 || value >= 100 ? 0 : 1)} ${units[unit]}`;
}
