// The API's method names without its schemas, for code that must stay small (the preload).
import type { ApiMethod } from './api.ts';

export const API_METHOD_NAMES = [
  'createDownload',
  'createDownloads',
  'createUpload',
  'listTransfers',
  'getTransfer',
  'pause',
  'resume',
  'cancel',
  'restart',
  'remove',
  'clearFinished',
  'getThroughput',
  'getConditions',
  'getLimits',
  'setCostPolicy',
  'startNow',
  'setLimit',
  'moveInQueue',
  'setUrl',
  'waitUntilSettled',
  'getSettings',
  'checkFolder',
  'setSettings',
  'createGroup',
  'closeGroup',
  'setGroupWindows',
  'listGroups',
  'listNamedActions',
  'getWhenDone',
  'setWhenDone',
  'getHostInfo',
  'openFile',
  'revealFile',
  'fileLink',
  'streamLink',
  'openWhileDownloading',
  'listBrowserIntegrations',
  'setBrowserIntegration',
  'chooseFolder',
  'listFolder',
  'makeFolder',
] as const satisfies readonly ApiMethod[];

// Compile-time proof that the list names every method exactly.
type Missing = Exclude<ApiMethod, (typeof API_METHOD_NAMES)[number]>;
export const everyMethodListed: [Missing] extends [never] ? true : Missing = true;

/** Channels of the Electron IPC bridge. */
export const IPC_CALL = 'ferry:call';
export const IPC_EVENT = 'ferry:event';
