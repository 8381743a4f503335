// Buffers for bulk I/O that start on a page boundary. Why: the kernel copies into and out of a
// buffer that does not start on a 64-byte line several times slower on the machines we measured:
// 1 GiB read from the page cache into four 1 MiB buffers took 590-740 ms into
// Buffer.allocUnsafeSlow's (glibc places a big block 16 bytes past a page) against 125-150 ms into
// page-aligned ones, and an aligned buffer read at an offset of 8 or 16 bytes was as slow again.
// Which one a Buffer got depended on what the process had allocated before: that is why loading
// an unrelated table once made a 1 GiB upload 0.4 s faster. Node offers no aligned allocation; a
// WebAssembly memory is one (mmap).

/** 64 KiB: the unit a WebAssembly memory grows by. */
const WASM_PAGE = 65536;

// Node's types do not declare the WebAssembly global (only the DOM library does).
const WasmMemory = (globalThis as unknown as { WebAssembly: { Memory: new (size: { initial: number; maximum: number }) => { buffer: ArrayBuffer } } })
  .WebAssembly.Memory;

/** `bytes` (a multiple of 64 KiB) of page-aligned memory, or null where none can be had (a tight ulimit -v). */
export function pageAlignedMemory(bytes: number): Buffer | null {
  try {
    const pages = Math.ceil(bytes / WASM_PAGE);
    return Buffer.from(new WasmMemory({ initial: pages, maximum: pages }).buffer, 0, bytes);
  } catch {
    return null;
  }
}

/**
 * A buffer for bulk reads and writes, page-aligned where the system allows, else an ordinary one
 * (slower, never wrong). Each is a memory of its own, freed by the garbage collector with the
 * buffer; it reserves address space (not memory) beyond its size, which is why staging for direct
 * writes (direct-io.ts) keeps a bounded set.
 */
export function ioBuffer(bytes: number): Buffer {
  return pageAlignedMemory(bytes) ?? Buffer.allocUnsafeSlow(bytes);
}
