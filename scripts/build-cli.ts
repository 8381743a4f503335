// Bundles the `ferry` command (electron/daemon/cli.ts and everything it loads) into one file,
// dist/cli/cli.js: one parse instead of ~100 module resolutions and TypeScript strips, so `ferry get`
// starts in about half the time. One file, not chunks: what a command loads lazily (its module, the
// daemon, tus, D-Bus) is still run only when used (esbuild wraps it), and the ~30 chunks an upload
// loaded cost ~1 ms each in Node's ESM loader (`ferry upload` of 1 kB: 116 ms best / 153 ms median
// against 139 / 163 ms in alternating runs; `ferry ls` unchanged, the compile cache keeps the parse
// cheap). bin/ferry.js runs the sources instead whenever one of them is newer than the bundle, so
// an edit is never hidden by a stale build.
import { build } from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import { ESM_REQUIRE_BANNER } from './esm-require-banner.ts';
import { builtinsViaRequire, isBuiltinShim } from './builtins-via-require.ts';
import { contentTypesTable, isContentTypesTable } from './content-types-table.ts';

const root = path.resolve(import.meta.dirname, '..');
const outdir = path.join(root, 'dist', 'cli');
fs.rmSync(outdir, { recursive: true, force: true });

const result = await build({
  entryPoints: [path.join(root, 'electron/daemon/cli.ts')],
  outdir,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node22',
  logLevel: 'warning',
  metafile: true,
  banner: ESM_REQUIRE_BANNER,
  // Optional modules of dbus-next (an X11 session bus, abstract sockets), not installed.
  external: ['x11', 'usocket'],
  plugins: [contentTypesTable, builtinsViaRequire],
});

// esbuild escapes non-ASCII characters in code (its default charset), not in the comments it keeps:
// 17 lines of them made Node read the whole 3.9 MB bundle as a two-byte string (its start took
// ~4 MiB more and ~70 ms more CPU). Escaped in the comments too, the file is ASCII.
const bundle = path.join(outdir, 'cli.js');
fs.writeFileSync(bundle, fs.readFileSync(bundle, 'utf8').replace(/[^\p{ASCII}]/gu, (c) => `\\u{${c.codePointAt(0)!.toString(16)}}`));

// The project's own files that went in: bin/ferry.js checks them against the bundle's age.
const sources = Object.keys(result.metafile.inputs).filter((input) => !input.includes('node_modules') && !isBuiltinShim(input) && !isContentTypesTable(input));
// Relative URLs (forward slashes on every system), resolved against the bundle's own URL.
const relative = sources.map((s) => path.relative(outdir, path.resolve(root, s)).split(path.sep).join('/'));
fs.writeFileSync(path.join(outdir, 'sources.json'), JSON.stringify(relative));
// Tells Node the bundle is an ES module at the first folder it looks in (else it looks for a
// package.json in dist/cli and dist: two failed opens every start).
fs.writeFileSync(path.join(outdir, 'package.json'), '{ "type": "module" }\n');
console.log(`built ${path.relative(root, outdir)}/cli.js from ${sources.length} sources`);
