// Which Host headers the daemon answers: its own addresses and port only. A page on another site
// that resolves its name to 127.0.0.1 (DNS rebinding) sends its own name as Host and is refused.
import os from 'node:os';
import net from 'node:net';

const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]'];
const WILDCARDS = new Set(['0.0.0.0', '::', '']);

function bracket(address: string): string {
  return net.isIPv6(address) ? `[${address}]` : address;
}

/** The names a client may use for a daemon bound to `bindHost`, without the port. */
export function allowedHostNames(bindHost: string): Set<string> {
  const names = new Set(LOOPBACK_NAMES);
  if (WILDCARDS.has(bindHost)) {
    // Bound to every interface: the machine's own addresses and name reach it.
    for (const entries of Object.values(os.networkInterfaces())) {
      for (const entry of entries ?? []) names.add(bracket(entry.address.split('%')[0]!));
    }
    names.add(os.hostname().toLowerCase());
  } else {
    names.add(bracket(bindHost.toLowerCase()));
  }
  return names;
}

/** True when `hostHeader` names this daemon: one of `names` with exactly `port`. */
export function hostAllowed(hostHeader: string | undefined, names: Set<string>, port: number): boolean {
  if (!hostHeader) return false;
  const match = /^(\[[0-9a-f:.]+\]|[^:[\]]+):(\d+)$/i.exec(hostHeader.trim());
  if (!match) return false;
  return Number(match[2]) === port && names.has(match[1]!.toLowerCase());
}
