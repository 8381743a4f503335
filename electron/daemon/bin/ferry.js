#!/usr/bin/env node
// Entry point of the `ferry` command. Node >= 22.18 runs the TypeScript sources directly.
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 18)) {
  process.stderr.write(`ferry: Node.js 22.18 or later is required (this is ${process.versions.node})\n`);
  process.exit(1);
}
// `ferry ls | head`: a reader that stops early is not an error.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});
// Cache compiled modules between runs: a noticeably faster start for short commands.
const { default: module } = await import('node:module');
module.enableCompileCache?.();
const { main } = await import('../cli.ts');
const code = await main(process.argv);
// Let stdout drain, then leave even if a library left a handle open.
process.stdout.write('', () => process.exit(code));
