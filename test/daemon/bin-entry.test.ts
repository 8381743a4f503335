// bin/ferry.js runs the bundle from `npm run build` (dist/cli) only while it is at least as new as
// every source it was built from; otherwise the TypeScript sources, so an edit is never hidden.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/engine.ts';
import { FERRY_BIN } from '../helpers/cli.ts';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

/** A copy of the real bin in a tree of its own whose "cli" says which one ran. */
function fakeTree(): { root: string; run: (env?: NodeJS.ProcessEnv) => string; setAge: (file: string, secondsAgo: number) => void } {
  const root = tempDir();
  dirs.push(root);
  const write = (file: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), text);
  };
  write('electron/daemon/bin/ferry.js', fs.readFileSync(FERRY_BIN, 'utf8'));
  write('electron/daemon/cli.ts', "export async function main(): Promise<number> { process.stdout.write('source'); return 0; }\n");
  write('dist/cli/cli.js', "export async function main() { process.stdout.write('bundle'); return 0; }\n");
  write('dist/cli/sources.json', JSON.stringify(['../../electron/daemon/cli.ts']));
  const setAge = (file: string, secondsAgo: number) => {
    const when = new Date(Date.now() - secondsAgo * 1000);
    fs.utimesSync(path.join(root, file), when, when);
  };
  const run = (env: NodeJS.ProcessEnv = {}) => {
    const result = spawnSync(process.execPath, [path.join(root, 'electron/daemon/bin/ferry.js')], { env: { ...process.env, ...env }, encoding: 'utf8' });
    expect(result.stderr).toBe('');
    return result.stdout;
  };
  return { root, run, setAge };
}

describe('ferry entry point', () => {
  it('runs the bundle when it is newer than its sources', () => {
    const tree = fakeTree();
    tree.setAge('electron/daemon/cli.ts', 60);
    expect(tree.run()).toBe('bundle');
    expect(tree.run({ FERRY_FROM_SOURCE: '1' })).toBe('source');
  });

  it('runs the sources when one of them changed after the build', () => {
    const tree = fakeTree();
    tree.setAge('dist/cli/cli.js', 60);
    expect(tree.run()).toBe('source');
  });

  it('runs the sources when there is no bundle', () => {
    const tree = fakeTree();
    fs.rmSync(path.join(tree.root, 'dist'), { recursive: true });
    expect(tree.run()).toBe('source');
  });

  it('runs a bundle shipped without its sources list, as in the desktop app\'s resources (no sources there)', () => {
    const tree = fakeTree();
    fs.rmSync(path.join(tree.root, 'dist/cli/sources.json'));
    fs.rmSync(path.join(tree.root, 'electron/daemon/cli.ts'));
    expect(tree.run()).toBe('bundle');
  });
});
