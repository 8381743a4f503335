// A made-up transfer snapshot for tests of pure views (tables, sorting): a running download, changed by `patch`.
import type { TransferSnapshot } from '../../shared/model.ts';

export function snapshotOf(patch: Partial<TransferSnapshot>): TransferSnapshot {
  return {
    id: '0123456789abcdef', kind: 'download', url: 'https://example.org/a.iso', path: '/d/a.iso', state: 'running', bytesTransferred: 500_000, totalBytes: 2_000_000,
    speed: 250_000, eta: 6, group: null, priority: 'default', costPolicy: 'default', limitBytesPerSec: null, error: null, retries: [], history: [], createdAt: '', seq: 1, queueOrder: 1, completedAt: null,
    headerNames: [], hasCredentials: false, retryAt: null, upload: null, response: null, segments: null, checksum: null, mirrors: [], mirrorInUse: null, category: 'other', ...patch,
  };
}
