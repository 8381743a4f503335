// "Open while downloading": sound and video (by their category, i.e. the name's extension) play
// while they arrive from the host's stream link: in a new tab of the browser UI, in the system's
// browser from the desktop window (HostInfo.streams).
import type { HostInfo, TransferSnapshot } from '../../../shared/model.ts';

export function canOpenWhileDownloading(tr: TransferSnapshot, host: HostInfo | null): boolean {
  return host !== null && tr.kind === 'download' && (tr.category === 'audio' || tr.category === 'video') && tr.state !== 'failed' && tr.state !== 'canceled';
}
