// "Open while downloading": sound and video (by their category, i.e. the name's extension) play in
// a new browser tab from the daemon's stream link while they arrive. Only the browser UI offers it:
// the desktop app's host serves no such link.
import type { TransferSnapshot } from '../../../shared/model.ts';

export function canOpenWhileDownloading(tr: TransferSnapshot, fileLinks: boolean): boolean {
  return fileLinks && tr.kind === 'download' && (tr.category === 'audio' || tr.category === 'video') && tr.state !== 'failed' && tr.state !== 'canceled';
}
