/**
 * Sizes for people, one convention everywhere (the UI, the CLI, the README): SI decimal units,
 * 1 kB = 1000 bytes, 1 MB = 1000 kB, as the file managers of GNOME and macOS show them; speeds in
 * the same units per second. `scaleBytes` is the convention; the CLI prints it as below, the UI
 * with the user's locale's digits (renderer/src/i18n/format.ts).
 */
export function scaleBytes(bytes: number): { value: number; unit: string; fractionDigits: 0 | 1 } {
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return { value, unit: units[unit]!, fractionDigits: unit === 0 || value >= 100 ? 0 : 1 };
}

export function formatBytes(bytes: number | null | undefined, options: { unknown?: string } = {}): string {
  if (bytes === null || bytes === undefined) return options.unknown ?? '—';
  const { value, unit, fractionDigits } = scaleBytes(bytes);
  return `${value.toFixed(fractionDigits)} ${unit}`;
}
