// Buffers for bulk I/O that start on a page boundary. Why: the kernel copies into and out of a
// buffer that does not start on a 64-byte line several times slower on the machines we measured
// (`node bench/buffer-alignment.ts`: 256 MiB from the page cache in 1 MiB reads, ~25 ms into
// page-aligned buffers, ~160 ms at 16 bytes past a page). Where glibc puts a Buffer's memory depends
// on what the process allocated before, and 16 bytes past a page is common for big blocks: in one
// build a 1 GiB read took 590-740 ms against 125-150 ms, which is why loading an unrelated table
// once made a 1 GiB upload 0.4 s faster. Node offers no aligned allocation; a WebAssembly memory is
// one (mmap).

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
 * buffer; it reserves address space (not memory) beyond its size, which is why a direct writer
 * keeps one ring for its whole life (placed-writes.ts).
 */
export function ioBuffer(bytes: number): Buffer {
  return pageAlignedMemory(bytes) ?? Buffer.allocUnsafeSlow(bytes);
}
