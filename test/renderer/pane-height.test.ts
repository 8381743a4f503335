// The details pane's height: what a window leaves it, and what is remembered across reloads.
import { describe, expect, it } from 'vitest';
import { clampPaneHeight, DEFAULT_PANE_HEIGHT, LIST_KEEPS, loadPaneHeight, MIN_PANE_HEIGHT, savePaneHeight } from '../../renderer/src/state/pane-height.ts';

function memoryStorage() {
  const map = new Map<string, string>();
  return { getItem: (k: string) => map.get(k) ?? null, setItem: (k: string, v: string) => void map.set(k, v) };
}

describe('the details pane height', () => {
  it('keeps the list its share and the pane its least', () => {
    expect(clampPaneHeight(300, 800)).toBe(300);
    expect(clampPaneHeight(10_000, 800)).toBe(800 - LIST_KEEPS);
    expect(clampPaneHeight(20, 800)).toBe(MIN_PANE_HEIGHT);
    // A window too low for both: the pane keeps its least, the list what is left.
    expect(clampPaneHeight(300, 200)).toBe(MIN_PANE_HEIGHT);
  });

  it('remembers what the user left, and falls back on the default for anything broken', () => {
    const storage = memoryStorage();
    expect(loadPaneHeight(storage)).toBe(DEFAULT_PANE_HEIGHT);
    savePaneHeight(storage, 311.6);
    expect(loadPaneHeight(storage)).toBe(312);
    for (const broken of ['abc', '-5', '3', 'Infinity']) {
      storage.setItem('ferry.detailsHeight', broken);
      expect(loadPaneHeight(storage)).toBe(DEFAULT_PANE_HEIGHT);
    }
    expect(loadPaneHeight(null)).toBe(DEFAULT_PANE_HEIGHT);
  });
});
