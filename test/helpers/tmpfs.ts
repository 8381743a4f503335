// Small tmpfs mounts for full-disk and read-only tests. Only root can mount: elsewhere the test
// says in one line that it did not run (and is skipped).
import { execFileSync } from 'node:child_process';

export function mountTmpfs(dir: string, options: string, testName: string): boolean {
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', options, 'tmpfs', dir], { stdio: 'pipe' });
    return true;
  } catch {
    console.log(`${testName} did not run: mounting a small tmpfs needs root`);
    return false;
  }
}

export function unmount(dir: string): void {
  try {
    execFileSync('umount', [dir], { stdio: 'pipe' });
  } catch {
    // not mounted
  }
}
