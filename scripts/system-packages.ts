// Makes sure the Debian packages the tests need are installed, so `npm install` then `npm test` is
// the whole set-up: as root (or with password-less sudo) it installs what is missing with apt-get;
// otherwise it stops at once with the one command to run. Where there is no dpkg (not Debian or
// Ubuntu) it only warns: the tests that need a program say so when they cannot find it.
// Plain Node with no dependencies: .ci/run calls it before `npm ci`.
//   node scripts/system-packages.ts [--bench]
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const listFile = path.join(import.meta.dirname, 'system-packages.txt');

export function wantedPackages(text: string, withBench: boolean): string[] {
  return text
    .split('\n')
    .map((line) => line.replace(/#.*/, '').trim())
    .filter(Boolean)
    .map((line) => line.split(/\s+/))
    .filter(([, tag]) => withBench || tag !== 'bench')
    .map(([name]) => name!);
}

function has(command: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

function installed(name: string): boolean {
  const r = spawnSync('dpkg-query', ['-W', '-f=${Status}', name], { encoding: 'utf8' });
  return r.status === 0 && r.stdout.includes('install ok installed');
}

/** The prefix that runs a command as root: none for root, sudo where it needs no password, else null. */
function adminPrefix(): string[] | null {
  if (process.getuid?.() === 0) return [];
  if (has('sudo') && spawnSync('sudo', ['-n', 'true'], { stdio: 'ignore' }).status === 0) return ['sudo', '-n'];
  return null;
}

function asAdmin(prefix: string[], args: string[]): void {
  const [cmd, ...rest] = [...prefix, 'env', 'DEBIAN_FRONTEND=noninteractive', ...args];
  execFileSync(cmd!, rest, { stdio: 'inherit' });
}

function main(): number {
  const wanted = wantedPackages(fs.readFileSync(listFile, 'utf8'), process.argv.includes('--bench'));
  if (!has('dpkg-query') || !has('apt-get')) {
    console.warn(`system packages: not a Debian or Ubuntu system; the tests need these programs (Debian names): ${wanted.join(' ')}`);
    return 0;
  }
  const missing = wanted.filter((name) => !installed(name));
  if (missing.length === 0) return 0;
  const command = `apt-get install ${missing.join(' ')}`;
  const admin = adminPrefix();
  if (!admin) {
    console.error(`system packages: the tests need ${missing.join(', ')}. Install them once, then run the tests again:\n  sudo apt-get update && sudo ${command}`);
    return 1;
  }
  console.log(`system packages: installing ${missing.join(' ')}`);
  // Keep the packages' scripts from starting system services (nginx on port 80) on this machine.
  const policy = '/usr/sbin/policy-rc.d';
  const ownPolicy = !fs.existsSync(policy);
  try {
    if (ownPolicy) asAdmin(admin, ['sh', '-c', `printf '#!/bin/sh\\nexit 101\\n' > ${policy} && chmod +x ${policy}`]);
    asAdmin(admin, ['apt-get', 'update', '-qq']);
    asAdmin(admin, ['apt-get', 'install', '-y', '-qq', '--no-install-recommends', ...missing]);
  } catch {
    console.error(`system packages: apt-get failed; run it yourself, then the tests again:\n  ${command}`);
    return 1;
  } finally {
    if (ownPolicy) spawnSync('sh', ['-c', `${admin.join(' ')} rm -f ${policy}`]);
  }
  return 0;
}

if (import.meta.main) process.exit(main());
