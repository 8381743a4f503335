#!/usr/bin/env node
// Entry point of the `ferry` command. Node >= 22.18 runs the TypeScript sources directly.
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 18)) {
  process.stderr.write(`ferry: Node.js 22.18 or later is required (this is ${process.versions.node})\n`);
  process.exit(1);
}
// `ferry ls | head`: a reader that stops early is not an error. Said when stdout is first used:
// Node makes the stream then, and a command that prints nothing saves its cost (~5 ms for a file).
const stdoutGetter = Object.getOwnPropertyDescriptor(process, 'stdout');
let stdout = null;
Object.defineProperty(process, 'stdout', {
  configurable: true,
  enumerable: stdoutGetter.enumerable,
  get() {
    if (stdout) return stdout;
    stdout = stdoutGetter.get.call(process);
    stdout.on('error', (error) => {
      if (error.code === 'EPIPE') process.exit(0);
      throw error;
    });
    return stdout;
  },
});
// The commands but the daemon run for a while at most and spend it in native code (sockets, the
// disk): V8's top tier (TurboFan) mostly costs them memory. Without it `ferry get` of 1 GiB from nginx
// peaked ~10 MiB lower (~5 MiB less of Node's own code paged in, ~5 MiB less of the compiler's work)
// for about the same CPU (2.12 against 2.04 user seconds, a loaded machine); Maglev still optimizes
// what runs hot. The daemon runs for days: it keeps it.
if (!process.argv.slice(2).includes('daemon')) process.getBuiltinModule('node:v8').setFlagsFromString('--max-opt=2');
// Cache compiled modules between runs: a noticeably faster start for short commands. Builtins are
// taken with getBuiltinModule, not import(): an import builds an ES module facade of every export
// (node:fs's alone cost ~5 ms of each start).
process.getBuiltinModule('node:module').enableCompileCache?.();
const { main } = await import(entryPoint());
const code = await main(process.argv);
// Let stdout drain, then leave even if a library left a handle open.
if (stdout) stdout.write('', () => process.exit(code));
else process.exit(code);

/**
 * The bundle `npm run build` makes (dist/cli), unless a source it was made from changed since. A
 * bundle without its sources list is the desktop app's copy (its resources hold no sources): used.
 */
function entryPoint() {
  const fs = process.getBuiltinModule('node:fs');
  const bundle = new URL('../../../dist/cli/cli.js', import.meta.url);
  // Paths, not a URL per source: the check of ~240 sources took half the CPU (~6 against ~11 ms).
  const dir = process.getBuiltinModule('node:url').fileURLToPath(new URL('../../../dist/cli/', import.meta.url));
  try {
    const built = fs.statSync(dir + 'cli.js').mtimeMs;
    if (!fs.existsSync(dir + 'sources.json')) return bundle.href;
    const sources = JSON.parse(fs.readFileSync(dir + 'sources.json', 'utf8'));
    // The list's entries are relative to dist/cli, with forward slashes (which every system's paths take).
    const stale = sources.some((source) => fs.statSync(dir + source).mtimeMs > built);
    if (!stale && process.env.FERRY_FROM_SOURCE !== '1') return bundle.href;
  } catch {
    // No bundle (or a source was removed): the sources are the truth.
  }
  return '../cli.ts';
}
