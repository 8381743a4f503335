// The move action: each completed download's file into the group's folder, under a free name
// (never over a file there). A hard link then unlink where it can (never over a file that appeared meanwhile); across file systems a copy, flushed, then the
// original removed. Uploads and unfinished members are left where they are.
import fs from 'node:fs';
import path from 'node:path';
import type { GroupActionOutcome, GroupMemberResult } from '../../../shared/groups.ts';
import { uniquePath } from '../intake/file-name.ts';

export async function moveFinishedFiles(results: GroupMemberResult[], dir: string): Promise<{ outcome: GroupActionOutcome; moved: Array<{ id: string; path: string }> }> {
  const lines: string[] = [];
  const moved: Array<{ id: string; path: string }> = [];
  let failed = 0;
  try {
    await fs.promises.mkdir(dir, { recursive: true });
  } catch (error) {
    return { outcome: moveOutcome(false, [], `cannot make the folder ${dir}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`), moved };
  }
  for (const result of results) {
    if (result.kind !== 'download' || result.state !== 'completed' || !result.path) continue;
    try {
      const stat = await fs.promises.lstat(result.path);
      if (!stat.isFile()) throw Object.assign(new Error('not a plain file'), { code: 'not a plain file' });
      const target = uniquePath(dir, path.basename(result.path), (candidate) => fs.existsSync(candidate));
      await moveFile(result.path, target);
      moved.push({ id: result.id, path: target });
      lines.push(`${result.path} -> ${target}`);
    } catch (error) {
      failed++;
      lines.push(`${result.path}: not moved (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
    }
  }
  const message = `moved ${moved.length} file${moved.length === 1 ? '' : 's'} into ${dir}${failed ? `; ${failed} could not be moved` : ''}`;
  return { outcome: moveOutcome(failed === 0, lines, message), moved };
}

function moveOutcome(ok: boolean, lines: string[], message: string): GroupActionOutcome {
  return { action: 'move', ok, exitCode: null, signal: null, output: lines.join('\n'), truncated: false, message };
}

async function moveFile(from: string, to: string): Promise<void> {
  try {
    await fs.promises.link(from, to);
    await fs.promises.unlink(from);
    return;
  } catch (error) {
    // Another file system, or one without hard links: copy instead.
    if (!['EXDEV', 'EPERM', 'ENOTSUP', 'EOPNOTSUPP'].includes((error as NodeJS.ErrnoException).code ?? '')) throw error;
  }
  await fs.promises.copyFile(from, to, fs.constants.COPYFILE_EXCL);
  const handle = await fs.promises.open(to, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
  await fs.promises.unlink(from);
}
