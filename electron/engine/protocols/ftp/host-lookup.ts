// An FTP server's name as the engine resolves names (its DNS servers when set), for a direct
// connection or a socks5:// proxy (socks5h:// leaves the name to the proxy).
import dns from 'node:dns';
import net, { type LookupFunction } from 'node:net';

export function lookupHost(host: string, dnsLookup: LookupFunction | undefined): Promise<string> {
  if (net.isIP(host)) return Promise.resolve(host);
  return new Promise((resolve, reject) => {
    (dnsLookup ?? dns.lookup)(host, {}, (error, address) => (error ? reject(error) : resolve(typeof address === 'string' ? address : address[0]!.address)));
  });
}
