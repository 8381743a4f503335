// The engine's half of the API as plain functions, for hosts to extend with their own half.
import type { EngineApi } from '../../../shared/api.ts';
import type { TransferService } from '../transfer-service.ts';

export function engineApi(service: TransferService): EngineApi {
  return {
    createDownload: (request) => service.createDownload(request),
    createDownloads: (requests) => service.createDownloads(requests),
    createUpload: (request) => service.createUpload(request),
    listTransfers: () => service.listTransfers(),
    getTransfer: (id) => service.getTransfer(id),
    pause: (id) => service.pause(id),
    resume: (id) => service.resume(id),
    cancel: (id) => service.cancel(id),
    restart: (id) => service.restart(id),
    remove: (id, options) => service.remove(id, options),
    clearFinished: (options) => service.clearFinished(options),
    getThroughput: () => service.getThroughput(),
    getConditions: () => service.getConditions(),
    getLimits: () => service.getLimits(),
    setCostPolicy: (id, policy) => service.setCostPolicy(id, policy),
    startNow: (id) => service.startNow(id),
    setLimit: (id, bytesPerSec) => service.setLimit(id, bytesPerSec),
    moveInQueue: (ids, move) => service.moveInQueue(ids, move),
    setUrl: (id, url, options) => service.setUrl(id, url, options),
    waitUntilSettled: (ids, timeoutMs) => service.waitUntilSettled(ids, timeoutMs),
    getSettings: () => service.getSettings(),
    checkFolder: (dir) => service.checkFolder(dir),
    setSettings: (patch) => service.setSettings(patch),
    createGroup: (request) => service.createGroup(request),
    closeGroup: (name) => service.closeGroup(name),
    setGroupWindows: (name, windows) => service.setGroupWindows(name, windows),
    listGroups: () => service.listGroups(),
    listNamedActions: () => service.listNamedActions(),
    getWhenDone: () => service.getWhenDone(),
    setWhenDone: (choice) => service.setWhenDone(choice),
  };
}
