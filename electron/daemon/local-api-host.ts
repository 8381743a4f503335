// The local API of a home: the daemon's HTTP server (server.ts) over a running engine, with the
// home's token (token file, daemon.json for the CLI, browser sessions rotated with it) and its
// staging room. Both owners of a home serve it through this one function: `ferry daemon`, and the
// desktop app for its user-data folder, so the CLI, the native host and the browser UI reach
// either the same way. The caller holds the home's lock (lockHome).
import fs from 'node:fs';
import path from 'node:path';
import { daemonToken, newToken, readToken, removeDaemonInfo, replaceToken, watchToken, writeDaemonInfo, type HomeOwner } from './home.ts';
import { BrowserLogin } from './browser-login.ts';
import { startServer, type DaemonServer } from './server.ts';
import { completedFile, createDaemonApi, transferStreams } from './daemon-api.ts';
import { discardStaged, stagedIdsIn, stageUpload, stagingDir, sweepStaging } from './staging.ts';
import { StagingRoom } from './staging-room.ts';
import type { IntegrationApi } from './integrate/browser-integrations.ts';
import type { TransferService } from '../engine/transfer-service.ts';
import type { FerryApi } from '../../shared/api.ts';

export interface LocalApiOptions {
  home: string;
  owner: HomeOwner;
  host: string;
  port: number;
  /** Settings' Browsers as this host installs them. */
  integrations: IntegrationApi;
  /** `ferry stop`: shut the owner down as it would on its own quit. */
  stop(): void;
  warn(message: string): void;
  /** The built renderer for `ferry ui`'s pages, when not beside this code (the desktop app's bundle). */
  rendererDir?: string;
}

export interface LocalApi {
  api: FerryApi;
  server: DaemonServer;
  /** Stops serving: the server closed, daemon.json taken out (the engine is the caller's). */
  close(): Promise<void>;
}

export async function hostLocalApi(service: TransferService, options: LocalApiOptions): Promise<LocalApi> {
  const { home, host, warn } = options;
  fs.mkdirSync(stagingDir(home), { recursive: true, mode: 0o700 });
  const staging = new StagingRoom(stagingDir(home));
  const sweep = () => {
    const inUse = stagedIdsIn(home, service.uploadFiles());
    for (const id of sweepStaging(home, inUse)) staging.forget(id);
  };
  sweep();
  const sweeper = setInterval(sweep, 3600 * 1000);
  sweeper.unref();
  const login = new BrowserLogin(daemonToken(home));
  const publish = (port: number, token: string): void => writeDaemonInfo(home, { pid: process.pid, port, host, token, owner: options.owner });
  // A new token voids every browser session; the CLI finds it in daemon.json.
  const adopt = (token: string): void => {
    login.rotate(token);
    server.dropBrowserConnections();
    try {
      publish(server.port, token);
    } catch (error) {
      warn(`cannot write ${path.join(home, 'daemon.json')} (${errorCode(error)}): the CLI cannot reach this ${options.owner === 'desktop' ? 'app' : 'daemon'} until it can`);
    }
  };
  const api = createDaemonApi(service, { file: (id) => login.newFileTicket(id), stream: (id) => login.newStreamTicket(id) }, options.integrations, options.owner);
  const server = await startServer(api, {
    host,
    port: options.port,
    login,
    completedFile: (id) => completedFile(service, id),
    streams: transferStreams(service),
    stageFile: async (name, body) => stageUpload(home, staging, name, body, (await service.getSettings()).stagingMaxBytes),
    discardStaged: (id) => {
      staging.forget(id);
      return discardStaged(home, id);
    },
    rotateToken: async () => adopt(replaceToken(home)),
    stop: () => options.stop(),
    events: service,
    warn,
    ...(options.rendererDir ? { rendererDir: options.rendererDir } : {}),
  });
  publish(server.port, login.cliToken);
  // Deleting (or replacing) the token file ends every session at once (within a second where
  // the folder cannot be watched).
  const unwatchToken = watchToken(home, () => {
    const current = readToken(home);
    if (current === login.cliToken) return;
    if (current) return adopt(current);
    try {
      adopt(replaceToken(home));
    } catch (error) {
      // The home is going (deleted, unmounted): the sessions end all the same, with a token that
      // is nowhere on disk, and the CLI cannot reach this host until one can be written.
      warn(`cannot write a new token in ${home} (${errorCode(error)}); every session ended`);
      adopt(newToken());
    }
  });
  return {
    api,
    server,
    close: async () => {
      unwatchToken();
      clearInterval(sweeper);
      await server.close();
      removeDaemonInfo(home);
    },
  };
}

/** A failed write's code (ENOENT, EACCES...) for a warning, or the error's own words. */
function errorCode(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? String(error);
}
