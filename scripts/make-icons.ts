// Rasterises resources/*.svg into the PNGs the app, tray and installers use, with Debian's
// Chromium (no image tool needed). Run after changing an SVG: node scripts/make-icons.ts
import fs from 'node:fs';
import path from 'node:path';
import { launchChromium } from '../e2e/helpers/browser.ts';

const dir = path.resolve(import.meta.dirname, '../resources');
const icon = fs.readFileSync(path.join(dir, 'icon.svg'), 'utf8');
const tray = fs.readFileSync(path.join(dir, 'tray.svg'), 'utf8');

const outputs: Array<{ file: string; svg: string; size: number; color?: string }> = [
  { file: 'icon.png', svg: icon, size: 1024 },
  { file: 'icon-256.png', svg: icon, size: 256 },
  // Dark glyph for light panels, light glyph for dark panels; macOS tints the black template itself.
  { file: 'tray-dark.png', svg: tray, size: 16, color: '#1c1f23' },
  { file: 'tray-dark@2x.png', svg: tray, size: 32, color: '#1c1f23' },
  { file: 'tray-light.png', svg: tray, size: 16, color: '#f2f4f7' },
  { file: 'tray-light@2x.png', svg: tray, size: 32, color: '#f2f4f7' },
  { file: 'trayTemplate.png', svg: tray, size: 16, color: '#000000' },
  { file: 'trayTemplate@2x.png', svg: tray, size: 32, color: '#000000' },
];

const browser = await launchChromium();
try {
  for (const out of outputs) {
    const page = await browser.newPage({ viewport: { width: out.size, height: out.size } });
    const svg = out.svg.replace('<svg ', `<svg width="${out.size}" height="${out.size}" style="color:${out.color ?? 'black'};display:block" `);
    await page.setContent(`<html><body style="margin:0;background:transparent">${svg}</body></html>`);
    await page.screenshot({ path: path.join(dir, out.file), omitBackground: true });
    await page.close();
    console.log(`wrote resources/${out.file}`);
  }
} finally {
  await browser.close();
}
