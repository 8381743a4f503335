// The desktop app's system proxy: Electron's session.resolveProxy, which follows the OS's proxy
// settings and their PAC script (WPAD included), answers in PAC's own words ("PROXY h:p; DIRECT"),
// read by shared/pac-answer.ts. The session is injected (tests give a fake; the Electron binary
// cannot run everywhere). Like a PAC script, the OS is asked with a URL without its login, and for
// https only its origin.
import type { SystemProxyResolver } from '../engine/proxy/proxy-server.ts';
import { pacTarget } from '../engine/proxy/pac/pac-proxies.ts';
import { TransferError } from '../engine/errors/transfer-error.ts';
import { parsePacAnswer } from '../../shared/pac-answer.ts';
import { hideUrlPassword } from '../../shared/url-password.ts';

/** What Ferry uses of Electron's Session. */
export interface ProxyResolvingSession {
  resolveProxy(url: string): Promise<string>;
}

export function electronSystemProxy(session: ProxyResolvingSession): SystemProxyResolver {
  return async (target) => {
    const asked = pacTarget(target).href;
    let answer: string;
    try {
      answer = await session.resolveProxy(asked);
    } catch (error) {
      throw new TransferError('CannotConnect', `the system's proxy settings could not be read for ${hideUrlPassword(asked)}: ${(error as Error).message}`);
    }
    const choice = parsePacAnswer(answer);
    if (choice.usable) return choice.proxy;
    throw new TransferError(
      'InvalidArgument',
      `the system's proxy settings answered ${JSON.stringify(answer.slice(0, 200))} for ${hideUrlPassword(asked)}, with no proxy Ferry can use: ${choice.skipped.join('; ')}; choose a proxy in Settings`,
      { permanent: true },
    );
  };
}
