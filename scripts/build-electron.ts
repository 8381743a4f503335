// Bundles the Electron main process (ESM) and the sandboxed preload (CommonJS, as sandboxed
// preloads require) into dist-electron/. The renderer is built by Vite into dist/renderer.
import { build, type BuildOptions } from 'esbuild';
import path from 'node:path';
import { ESM_REQUIRE_BANNER } from './esm-require-banner.ts';
import { contentTypesTable } from './content-types-table.ts';

const root = path.resolve(import.meta.dirname, '..');
const outdir = path.join(root, 'dist-electron');
// Both bundles: everything inlined but electron itself, which the runtime provides.
// x11 and usocket: optional modules of dbus-next (an X11 session bus, abstract sockets), not installed.
const common: BuildOptions = { bundle: true, external: ['electron', 'x11', 'usocket'], logLevel: 'warning' };

await build({
  entryPoints: [path.join(root, 'electron/main/main.ts')],
  outfile: path.join(outdir, 'main.js'),
  ...common,
  platform: 'node',
  format: 'esm',
  target: 'node22',
  sourcemap: true,
  banner: ESM_REQUIRE_BANNER,
  plugins: [contentTypesTable],
});

await build({
  entryPoints: [path.join(root, 'electron/preload/preload.ts')],
  outfile: path.join(outdir, 'preload.cjs'),
  ...common,
  platform: 'browser',
  format: 'cjs',
  target: 'chrome130',
  sourcemap: 'inline',
});

console.log(`built ${path.relative(root, outdir)}/main.js and preload.cjs`);
