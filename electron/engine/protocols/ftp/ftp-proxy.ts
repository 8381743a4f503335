// Which proxy an FTP download goes through: the one the transfer, the proxy setting or the system
// chose (choose-proxy.ts), if it is SOCKS5, which carries any TCP connection. An http(s) proxy
// cannot carry FTP's connections (Ferry does not send FTP as GET ftp:// to a proxy), so it is
// refused in words at once: never a silent direct connection when a proxy was asked for.
import { TransferError } from '../../errors/transfer-error.ts';
import { hideUrlPassword } from '../../../../shared/url-password.ts';
import { proxyName, type ProxyChooser, type ProxyServer } from '../../proxy/proxy-server.ts';

export async function ftpProxy(choose: ProxyChooser | undefined, url: URL): Promise<ProxyServer | null> {
  const server = choose ? await choose(url) : null;
  if (!server || server.url.protocol === 'socks5:' || server.url.protocol === 'socks5h:') return server;
  const kind = server.url.protocol === 'https:' ? 'HTTPS' : 'HTTP';
  throw new TransferError(
    'InvalidArgument',
    `FTP cannot go through the ${kind} proxy ${proxyName(server)} (for ${hideUrlPassword(url.toString())}): choose "no proxy" for this download (--proxy none), a SOCKS5 proxy (--proxy socks5h://host:port), or put the server in the proxy setting's bypass list`,
    { permanent: true },
  );
}
