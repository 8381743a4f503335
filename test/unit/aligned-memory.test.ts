// I/O buffers: page-aligned memory where the system gives it, an ordinary Buffer where it does not
// (a tight address-space limit), the same bytes either way. Their speed is the benchmark's business.
import { execFileSync } from 'node:child_process';
import { expect, it } from 'vitest';
import { ioBuffer, pageAlignedMemory } from '../../electron/engine/storage/aligned-memory.ts';

it('gives buffers of the size asked, each its own memory', () => {
  const a = ioBuffer(1024 * 1024);
  const b = ioBuffer(1024 * 1024);
  expect(a.length).toBe(1024 * 1024);
  a.fill(1);
  b.fill(2);
  expect(a.every((byte) => byte === 1)).toBe(true);
  // A WebAssembly memory here (nothing limits this test's address space): it starts at its page.
  expect(pageAlignedMemory(65536)).toMatchObject({ byteOffset: 0, length: 65536 });
});

it.skipIf(process.platform !== 'linux')('falls back to an ordinary Buffer where no aligned memory can be had (a tight address-space limit)', () => {
  // A child that loads the module, then limits its own address space to what it uses plus 1 GiB:
  // room for a Buffer, none for a WebAssembly memory's reservation (ulimit -v before the start
  // would stop Node's TypeScript stripping, which needs one).
  const script = `
    import fs from 'node:fs';
    import { execFileSync } from 'node:child_process';
    const { ioBuffer, pageAlignedMemory } = await import(${JSON.stringify(new URL('../../electron/engine/storage/aligned-memory.ts', import.meta.url).href)});
    const used = Number(/VmSize:\\s+(\\d+)/.exec(fs.readFileSync('/proc/self/status', 'utf8'))[1]) * 1024;
    execFileSync('prlimit', ['--pid', String(process.pid), '--as=' + (used + 2 ** 30)]);
    const b = ioBuffer(1024 * 1024);
    b.fill(7);
    console.log(JSON.stringify({ aligned: pageAlignedMemory(65536) !== null, length: b.length, sevens: b.every((x) => x === 7) }));`;
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
  expect(JSON.parse(out)).toEqual({ aligned: false, length: 1024 * 1024, sevens: true });
});
