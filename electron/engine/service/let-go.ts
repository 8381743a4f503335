// What follows transfers leaving the list, once that is saved: their partial files and secrets go,
// the finished file too if asked (only the one Ferry wrote), their groups keep their results, and
// the hosts hear of it.
import type { Operation } from '../operation/operation.ts';
import type { ServiceGroups } from './service-groups.ts';

export interface LetGoDeps {
  forgetSecret(id: string): void;
  groups: Pick<ServiceGroups, 'left'>;
  removed(ids: string[]): void;
}

/** True when a file was deleted. */
export async function letGo(ops: Operation[], deleteFiles: boolean, deps: LetGoDeps): Promise<boolean> {
  let deleted = false;
  for (const [i, op] of ops.entries()) {
    if (await op.leave(deleteFiles).catch(() => false)) deleted = true;
    deps.forgetSecret(op.id);
    deps.groups.left(op);
    // Each checks its files with a quick synchronous stat: a long list (99,000 taken off at start)
    // lets the event loop in between, or the daemon is not ready until the last is checked.
    if (i % 1000 === 999) await new Promise((resolve) => setImmediate(resolve));
  }
  if (ops.length > 0) deps.removed(ops.map((op) => op.id));
  return deleted;
}
