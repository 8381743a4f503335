// Optional custom DNS servers (like aria2's --async-dns-server): resolves through them instead of
// the system resolver. Also lets tests answer DNS from a server on 127.0.0.1.
import type dns from 'node:dns';
import net from 'node:net';
import type { LookupFunction } from 'node:net';

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | dns.LookupAddress[], family?: number) => void;

export function lookupVia(servers: string[]): LookupFunction {
  // Taken here, not imported: loading node:dns makes its default resolver (reading resolv.conf),
  // which a transfer without custom servers, or to an address, never uses.
  const resolver = new (process.getBuiltinModule('node:dns').promises.Resolver)({ timeout: 5000, tries: 2 });
  resolver.setServers(servers);
  const lookup = (hostname: string, options: dns.LookupOptions, callback: LookupCallback): void => {
    const literal = net.isIP(hostname);
    const resolve = async (): Promise<dns.LookupAddress[]> => {
      if (literal) return [{ address: hostname, family: literal }];
      if (hostname === 'localhost') return [{ address: '127.0.0.1', family: 4 }];
      const wantV6 = options.family === 6;
      const addresses = wantV6 ? await resolver.resolve6(hostname) : await resolver.resolve4(hostname);
      return addresses.map((address) => ({ address, family: wantV6 ? 6 : 4 }));
    };
    resolve().then(
      (all) => {
        const first = all[0];
        if (!first) {
          const error: NodeJS.ErrnoException = Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
          callback(error, '');
        } else if (options.all) callback(null, all);
        else callback(null, first.address, first.family);
      },
      (error: NodeJS.ErrnoException) => callback(error, ''),
    );
  };
  return lookup as unknown as LookupFunction;
}
