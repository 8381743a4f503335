// A PAC script run in a sandbox: QuickJS compiled to WebAssembly (quickjs-wasi, through
// pac-resolver), never node:vm, which is no security boundary for a script from the network. The
// script gets the PAC functions only; its memory is bounded (32 MiB) and each call interrupted
// after 5 s (an endless loop would otherwise hold the event loop), the whole call
// including its DNS lookups given up after 10 s. myIpAddress answers from the interfaces
// (pac-resolver's own connects to 8.8.8.8, which hangs behind firewalls that drop it) and alert
// says nothing. Calls run one at a time: they share one VM.
import fs from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';

const MEMORY_LIMIT = 32 * 1024 * 1024;
const RUN_LIMIT_MS = 5000;
const CALL_LIMIT_MS = 10_000;

/** FindProxyForURL of one script; throws what the script threw, or that it ran too long. */
export interface PacScript {
  findProxy(target: URL): Promise<string>;
  dispose(): void;
}

// Node's types declare WebAssembly's types but not its global (only the DOM library does).
const wasmApi = (globalThis as unknown as { WebAssembly: { compile(bytes: Uint8Array): Promise<WebAssembly.Module> } }).WebAssembly;

let wasm: Promise<WebAssembly.Module> | undefined;
/** The QuickJS binary, compiled once per process (instantiating from it is cheap). */
function quickJsModule(): Promise<WebAssembly.Module> {
  wasm ??= (async () => {
    const path = createRequire(import.meta.url).resolve('quickjs-wasi/quickjs.wasm');
    return wasmApi.compile(await fs.readFile(path));
  })();
  return wasm;
}

/** The machine's first external IPv4 address (what browsers answer), else loopback. */
function myIpAddress(): string {
  for (const list of Object.values(os.networkInterfaces())) {
    for (const address of list ?? []) if (address.family === 'IPv4' && !address.internal) return address.address;
  }
  return '127.0.0.1';
}

/** Compiles `source`; throws when it does not parse or defines no FindProxyForURL function. (`limits`: tests shorten them.) */
export async function compilePacScript(source: string, filename: string, limits = { runMs: RUN_LIMIT_MS, callMs: CALL_LIMIT_MS }): Promise<PacScript> {
  const [{ QuickJS }, { createPacResolver }, module] = await Promise.all([import('quickjs-wasi'), import('pac-resolver'), quickJsModule()]);
  let deadline = Number.POSITIVE_INFINITY;
  const vm = await QuickJS.create({ wasm: module, memoryLimit: MEMORY_LIMIT, interruptHandler: () => Date.now() > deadline });
  let find: ReturnType<typeof createPacResolver>;
  try {
    deadline = Date.now() + limits.runMs;
    find = createPacResolver(vm, source, { filename, sandbox: { myIpAddress, alert: () => undefined } });
  } catch (error) {
    vm.dispose();
    throw error;
  } finally {
    deadline = Number.POSITIVE_INFINITY;
  }
  let queue: Promise<unknown> = Promise.resolve();
  let disposed = false;
  const call = async (target: URL): Promise<string> => {
    deadline = Date.now() + limits.runMs;
    let clock: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_resolve, reject) => {
      clock = setTimeout(() => reject(new Error(`FindProxyForURL did not answer within ${limits.callMs / 1000} s`)), limits.callMs);
    });
    try {
      const answer: unknown = await Promise.race([find(target.href, target.hostname.replace(/^\[|\]$/g, '')), late]);
      if (typeof answer !== 'string') throw new Error(`FindProxyForURL returned ${answer === null ? 'null' : typeof answer}, not a string`);
      return answer;
    } finally {
      clearTimeout(clock);
      deadline = Number.POSITIVE_INFINITY;
    }
  };
  return {
    findProxy(target) {
      if (disposed) return Promise.reject(new Error('the PAC script was replaced'));
      const result = queue.then(() => call(target));
      queue = result.catch(() => undefined);
      return result;
    },
    dispose() {
      if (disposed) return;
      disposed = true;
      // After the calls in flight: disposing a VM under a running call would crash it.
      void queue.then(() => vm.dispose());
    },
  };
}
