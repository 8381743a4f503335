// Bundles the `ferry` command (electron/daemon/cli.ts and everything it loads) into dist/cli: cli.js
// and the chunks it imports (dist/cli/chunks), one parse instead of ~100 module resolutions and
// TypeScript strips, so `ferry get` starts in about half the time. Split where the sources load
// lazily (each command, the daemon, tus, D-Bus, the proxy and PAC libraries): a command reads and
// compiles only its own part of the ~3.2 MB (`ferry get` ~0.7 MB in ~55 chunks, `--version` ~0.15 MB).
// One file (what this built before) cost each command the whole file's text and its compile
// cache; with bin/ferry.js's compiler setting (see there) `ferry get` of 1 kB peaked at 60 MiB
// against ~66 MiB from one file, at the same start time. bin/ferry.js runs the sources instead
// whenever one of them is newer than the bundle, so an edit is never hidden by a stale build.
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
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  banner: ESM_REQUIRE_BANNER,
  // Optional modules of dbus-next (an X11 session bus, abstract sockets), not installed.
  external: ['x11', 'usocket'],
  plugins: [contentTypesTable, builtinsViaRequire],
});

// esbuild escapes non-ASCII characters in code (its default charset), not in the comments it keeps:
// 17 lines of them made Node read the whole 3.9 MB bundle as a two-byte string (its start took
// ~4 MiB more and ~70 ms more CPU). Escaped in the comments too, every file is ASCII.
// The metafile names outputs relative to the working directory.
const outputs = Object.keys(result.metafile.outputs).filter((file) => file.endsWith('.js')).map((file) => path.resolve(file));
for (const file of outputs) {
  fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace(/[^\p{ASCII}]/gu, (c) => `\\u{${c.codePointAt(0)!.toString(16)}}`));
}

// The project's own files that went in: bin/ferry.js checks them against the bundle's age.
const sources = Object.keys(result.metafile.inputs).filter((input) => !input.includes('node_modules') && !isBuiltinShim(input) && !isContentTypesTable(input));
// Relative URLs (forward slashes on every system), resolved against the bundle's own URL.
const relative = sources.map((s) => path.relative(outdir, path.resolve(root, s)).split(path.sep).join('/'));
fs.writeFileSync(path.join(outdir, 'sources.json'), JSON.stringify(relative));
// Tells Node the bundle is an ES module at the first folder it looks in (else it looks for a
// package.json in dist/cli and dist: two failed opens every start); the chunks' folder likewise.
for (const folder of [outdir, path.join(outdir, 'chunks')]) fs.writeFileSync(path.join(folder, 'package.json'), '{ "type": "module" }\n');
console.log(`built ${path.relative(root, outdir)}/cli.js and ${outputs.length - 1} chunks from ${sources.length} sources`);
