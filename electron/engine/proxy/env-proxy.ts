// The system's proxy as the environment says, the way curl reads it: http_proxy for http targets,
// https_proxy for https ones, all_proxy for either when those are not set, no_proxy to go direct;
// each name in lower or upper case (lower first). A value without a scheme is an http:// proxy.
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
    const value = variable(env, target.protocol === 'https:' ? 'https_proxy' : 'http_proxy') ?? variable(env, 'all_proxy');
    return value ? withScheme(value) : null;
  };
}
