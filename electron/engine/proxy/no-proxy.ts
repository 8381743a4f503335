// A bypass list (NO_PROXY, the noProxy setting) as curl and most tools read it: entries split by
// commas or spaces; `*` bypasses every host; a name matches itself and every name under it (a
// leading `.` or `*.` is the same); an IP address matches itself, a CIDR block (10.0.0.0/8) every
// address in it; an entry with a :port matches only that port.
import net from 'node:net';

const defaultPort = (url: URL): string => url.port || (url.protocol === 'https:' ? '443' : url.protocol === 'http:' ? '80' : '');

function splitPort(entry: string): { host: string; port: string | null } {
  const v6 = /^\[([^\]]+)\](?::(\d+))?$/.exec(entry);
  if (v6) return { host: v6[1]!, port: v6[2] ?? null };
  const colon = entry.lastIndexOf(':');
  if (colon > 0 && entry.indexOf(':') === colon && /^\d+$/.test(entry.slice(colon + 1))) return { host: entry.slice(0, colon), port: entry.slice(colon + 1) };
  return { host: entry, port: null };
}

function inBlock(address: string, block: string): boolean {
  const [base, bits] = block.split('/');
  const family = net.isIP(base ?? '');
  if (!family || family !== net.isIP(address) || !/^\d+$/.test(bits ?? '')) return false;
  const list = new net.BlockList();
  const type = family === 6 ? 'ipv6' : 'ipv4';
  list.addSubnet(base!, Number(bits), type);
  return list.check(address, type);
}

/** True when a request to `target` goes direct by `list`. */
export function bypassesProxy(list: string, target: URL): boolean {
  const host = target.hostname.replace(/^\[|\]$/g, '').toLowerCase().replace(/\.$/, '');
  for (const raw of list.split(/[\s,]+/)) {
    const entry = raw.trim().toLowerCase();
    if (!entry) continue;
    if (entry === '*') return true;
    if (entry.includes('/')) {
      if (inBlock(host, entry)) return true;
      continue;
    }
    const { host: name, port } = splitPort(entry);
    if (port !== null && port !== defaultPort(target)) continue;
    const bare = name.replace(/^\*?\./, '').replace(/\.$/, '');
    if (bare && (host === bare || host.endsWith(`.${bare}`))) return true;
  }
  return false;
}
