// `ferry integrate BROWSER [--user-data-dir DIR] [--remove]`: installs (or removes) the manifest
// that lets Ferry's browser extension start `ferry native-host`, for the current user. The work is
// integrate/browser-integrations.ts, shared with Settings' Browsers section.
import { BROWSERS, type BrowserId } from '../../../shared/browser-extension.ts';
import { TransferError } from '../../engine/errors/transfer-error.ts';
import { installHost, nodeIntegrationHost, removeHost } from '../integrate/browser-integrations.ts';

export interface IntegrateFlags {
  userDataDir?: string;
  remove?: boolean;
}

export async function runIntegrate(home: string, browser: string, flags: IntegrateFlags): Promise<number> {
  if (!(BROWSERS as readonly string[]).includes(browser)) throw new TransferError('InvalidArgument', `ferry integrate knows ${BROWSERS.join(', ')}; not ${JSON.stringify(browser)}`);
  const host = nodeIntegrationHost(home);
  if (flags.remove) {
    const { location, had } = removeHost(browser as BrowserId, host, flags.userDataDir);
    process.stderr.write(`ferry: ${had ? 'removed' : 'there was no'} Ferry's native host for ${browser} (${location.manifest})\n`);
    return 0;
  }
  const location = installHost(browser as BrowserId, host, flags.userDataDir);
  process.stdout.write(`${location.manifest}\n`);
  process.stderr.write(`ferry: ${browser} may now hand downloads to Ferry (home ${home}) once Ferry's extension is installed\n`);
  return 0;
}
