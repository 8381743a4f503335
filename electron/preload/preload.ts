// The only bridge between the sandboxed page and the main process: named API functions and an
// event subscription, typed from shared/. ipcRenderer itself is never exposed.
import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';
import type { EventName, FerryBridge } from '../../shared/api.ts';
import { API_METHOD_NAMES, IPC_CALL, IPC_EVENT } from '../../shared/api-methods.ts';
import { createApiProxy, unwrapPayload } from '../../shared/api-proxy.ts';

const api = createApiProxy(async (method, args) => unwrapPayload(await ipcRenderer.invoke(IPC_CALL, method, args)));

const bridge: Record<string, unknown> = {};
for (const method of API_METHOD_NAMES) bridge[method] = api[method];
bridge['on'] = (event: EventName, listener: (payload: unknown) => void): (() => void) => {
  const handler = (_event: IpcRendererEvent, name: EventName, payload: unknown) => {
    if (name === event) listener(payload);
  };
  ipcRenderer.on(IPC_EVENT, handler);
  return () => ipcRenderer.removeListener(IPC_EVENT, handler);
};

// A dropped File's path, read where it is (the main process uploads it from there).
bridge['pathForFile'] = (file: File): string => webUtils.getPathForFile(file);

contextBridge.exposeInMainWorld('ferry', bridge as unknown as FerryBridge);
