// Builds the browser extension (extension/) twice from one source: dist/extension/chromium/
// (load it with --load-extension or "Load unpacked") and dist/extension/firefox/; `--out DIR`
// writes them elsewhere (the Firefox lint test builds its own copy, not touching dist/).
import { build } from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import { chromiumManifest, firefoxManifest } from '../extension/manifest.ts';

const root = path.resolve(import.meta.dirname, '..');
const src = path.join(root, 'extension', 'src');
const outAt = process.argv.indexOf('--out');
const out = outAt > 0 && process.argv[outAt + 1] ? path.resolve(process.argv[outAt + 1]!) : path.join(root, 'dist', 'extension');
const { version } = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string };
fs.rmSync(out, { recursive: true, force: true });

for (const [browser, manifest] of [
  ['chromium', chromiumManifest(version)],
  ['firefox', firefoxManifest(version)],
] as const) {
  const dir = path.join(out, browser);
  const common = { bundle: true, platform: 'browser', target: browser === 'chromium' ? 'chrome116' : 'firefox140', logLevel: 'warning', outdir: dir } as const;
  // Pages and the background are modules; a content script cannot be one.
  await build({ ...common, format: 'esm', entryPoints: ['background.ts', 'popup.ts', 'options.ts', 'links-page.ts'].map((f) => path.join(src, f)) });
  await build({ ...common, format: 'iife', entryPoints: [path.join(src, 'bypass.ts')] });
  for (const file of ['popup.html', 'options.html', 'links.html', 'extension.css']) fs.copyFileSync(path.join(src, file), path.join(dir, file));
  fs.copyFileSync(path.join(root, 'resources', 'icon-256.png'), path.join(dir, 'icon.png'));
  fs.writeFileSync(path.join(dir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
}
console.log(`built ${path.relative(root, out) || out}/chromium and firefox`);
