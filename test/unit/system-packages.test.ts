// npm test's first step: the Debian packages the tests need, from one list (scripts/system-packages.txt).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { wantedPackages } from '../../scripts/system-packages.ts';

const root = path.resolve(import.meta.dirname, '../..');
const list = fs.readFileSync(path.join(root, 'scripts/system-packages.txt'), 'utf8');

describe('system packages', () => {
  it('reads the list, leaving the bench-only ones out unless asked', () => {
    const text = '# comment\nnginx\n\ncurl   # inline\naria2 bench\n';
    expect(wantedPackages(text, false)).toEqual(['nginx', 'curl']);
    expect(wantedPackages(text, true)).toEqual(['nginx', 'curl', 'aria2']);
  });

  it("is the README's apt-get line, so a reader installs exactly what the tests use", () => {
    const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
    const line = readme.split('\n').find((l) => l.startsWith('sudo apt-get update && sudo apt-get install '));
    expect(line?.replace('sudo apt-get update && sudo apt-get install ', '').split(' ')).toEqual(wantedPackages(list, false));
  });

  it.runIf(process.getuid?.() === 0)('stops at once with the command to run when it may not install', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ferry-syspkg-'));
    try {
      fs.copyFileSync(path.join(root, 'scripts/system-packages.ts'), path.join(dir, 'system-packages.ts'));
      fs.writeFileSync(path.join(dir, 'system-packages.txt'), 'ferry-no-such-package-for-tests\n');
      fs.chmodSync(dir, 0o755);
      // nobody: no root and no password-less sudo.
      const r = spawnSync('su', ['nobody', '-s', '/bin/sh', '-c', `"${process.execPath}" "${path.join(dir, 'system-packages.ts')}"`], { encoding: 'utf8' });
      expect(r.status).toBe(1);
      expect(r.stderr).toContain('sudo apt-get install ferry-no-such-package-for-tests');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
