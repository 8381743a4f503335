/** Sizes for people: decimal units (KB, MB) by default, binary ones (KiB, MiB) when asked. */
export function formatBytes(bytes: number | null | undefined, options: { binary?: boolean; unknown?: string } = {}): string {
  if (bytes === null || bytes === undefined) return options.unknown ?? '—';
  const base = options.binary ? 1024 : 1000;
  const units = options.binary ? ['B', 'KiB', 'MiB', 'GiB', 'TiB'] : ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= base && unit < units.length - 1) {
    value /= base;
    unit++;
  }
  return `${value.toFixed(unit === 0 || value >= 100 ? 0 : 1)} ${units[unit]}`;
}
