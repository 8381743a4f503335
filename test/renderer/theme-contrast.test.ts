// The themes' text colours against every background they are drawn on, computed from the style
// sheets themselves (WCAG 2 contrast): axe checks the page, but it cannot read a background made
// with color-mix(), such as a selected or hovered row's, and says "incomplete" instead of failing.
import fs from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';

const css = (name: string) => fs.readFileSync(path.resolve(import.meta.dirname, '../../renderer/src', name), 'utf8');
const styles = css('styles.css');
const table = css('table.css');

/** The custom properties set in a block of the style sheet (the first block that `start` opens). */
function variables(start: string): Record<string, string> {
  const from = styles.indexOf(start);
  expect(from).toBeGreaterThanOrEqual(0);
  const block = styles.slice(from, styles.indexOf('}', from));
  return Object.fromEntries([...block.matchAll(/--([\w-]+):\s*(#[0-9a-f]{6})/gi)].map((m) => [m[1]!, m[2]!.toLowerCase()]));
}

const light = variables(':root {');
const dark = { ...light, ...variables(":root[data-theme='dark'] {") };

const rgb = (hex: string) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
const hex = (channels: number[]) => `#${channels.map((c) => Math.round(c).toString(16).padStart(2, '0')).join('')}`;
/** color-mix(in srgb, a share%, b). */
const mix = (a: string, share: number, b: string) => hex(rgb(a).map((c, i) => c * share + rgb(b)[i]! * (1 - share)));
function luminance(color: string): number {
  const [r, g, b] = rgb(color).map((c) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}
const contrast = (a: string, b: string) => {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
};

/** The share a row's tint takes in table.css ("color-mix(in srgb, var(--accent) 18%, var(--panel))"). */
function tintShare(selector: string, variable: string): number {
  const rule = table.slice(table.indexOf(selector));
  const found = new RegExp(`color-mix\\(in srgb, var\\(--${variable}\\) (\\d+)%, var\\(--panel\\)\\)`).exec(rule.slice(0, rule.indexOf('}')));
  expect(found, `${selector} is tinted with --${variable}`).not.toBeNull();
  return Number(found![1]) / 100;
}

it.each([
  ['light', light],
  ['dark', dark],
] as const)('keeps every text colour at 4.5:1 or more on every background, in %s', (_theme, v) => {
  const backgrounds = {
    panel: v['panel']!,
    page: v['bg']!,
    'selected row': mix(v['accent']!, tintShare('.table-body .row.selected', 'accent'), v['panel']!),
    'hovered row': mix(v['text']!, tintShare('.table-body .row:hover', 'text'), v['panel']!),
  };
  const low: string[] = [];
  for (const text of ['text', 'muted', 'good', 'bad', 'warn']) {
    for (const [where, background] of Object.entries(backgrounds)) {
      const ratio = contrast(v[text]!, background);
      if (ratio < 4.5) low.push(`--${text} on the ${where}: ${ratio.toFixed(2)}:1`);
    }
  }
  // The primary buttons' words on the accent.
  if (contrast(v['accent-text']!, v['accent']!) < 4.5) low.push(`--accent-text on --accent: ${contrast(v['accent-text']!, v['accent']!).toFixed(2)}:1`);
  expect(low).toEqual([]);
});
