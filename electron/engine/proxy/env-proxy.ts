// The system's proxy as the environment says, the way curl reads it: <scheme>_proxy for the
// target's scheme (http_proxy, https_proxy, ftp_proxy, ftps_proxy), all_proxy when that is not
// set, no_proxy to go direct; each name in lower or upper case (lower first). So HTTP_PROXY never
// applies to ftp://, as with curl. A value without a scheme is an http:// proxy.
import type { SystemProxyResolver } from './proxy-server.ts';
import { bypassesProxy } from './no-proxy.ts';

function variable(env: NodeJS.ProcessEnv, name: string): string | null {
  const value = env[name] ?? env[name.toUpperCase()];
  return value?.trim() ? value.trim() : null;
}

const withScheme = (value: string): string => (/^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? value : `http://${value}`);

export function environmentProxy(env: NodeJS.ProcessEnv): SystemProxyResolver {
  return (target) => {
    const noProxy = variable(env, 'no_proxy');
    if (noProxy && bypassesProxy(noProxy, target)) return null;
    const value = variable(env, `${target.protocol.replace(/:$/, '')}_proxy`) ?? variable(env, 'all_proxy');
    return value ? withScheme(value) : null;
  };
}
