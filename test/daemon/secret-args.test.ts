// Secrets on the command line: blanked from what other users see in the process list, and ways
// to give them that never put them there (a password prompt, --header @FILE, FERRY_USER).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { randomFile } from '../helpers/fault-server.ts';
import { useSharedServer } from '../helpers/engine.ts';
import { FERRY_BIN, ferry } from '../helpers/cli.ts';
import { throwawaySecret } from '../helpers/secrets.ts';
import { redactArgs } from '../../electron/daemon/secret-args.ts';

const shared = useSharedServer();
const basic = (credential: string) => `Basic ${Buffer.from(credential).toString('base64')}`;

describe('what the process list shows', () => {
  it('blanks credentials, every header but the harmless ones, cookies and URL passwords, and nothing else', () => {
    expect(
      redactArgs([
        'get', 'https://me:pw@h.example/f?a=1', '--user', 'me:pw', '--proxy-user=p:q', '--header', 'Authorization: Bearer x',
        '--header', 'X-Trace: 7', '--header', 'Accept-Language: de', '--header=X-Api-Key: k', '--header', '@/run/headers', '--cookie', 'sid=1', '--user', 'nameonly', '-o', 'out.bin',
      ]),
    ).toEqual([
      'get', 'https://me:***@h.example/f?a=1', '--user', 'me:***', '--proxy-user=p:***', '--header', 'Authorization: ***',
      '--header', 'X-Trace: ***', '--header', 'Accept-Language: de', '--header=X-Api-Key: ***', '--header', '@/run/headers', '--cookie', '***', '--user', 'nameonly', '-o', 'out.bin',
    ]);
  });

  it.skipIf(process.platform !== 'linux')('keeps them out of /proc/PID/cmdline while a download runs', async () => {
    const password = throwawaySecret();
    const token = throwawaySecret();
    const urlPassword = throwawaySecret();
    shared.server.serve('/secret/slow.bin', randomFile(300_000, { rate: 100_000 }));
    const url = shared.server.url('/secret/slow.bin').replace('http://', `http://who:${urlPassword}@`);
    const child = spawn(process.execPath, [FERRY_BIN, 'get', url, '--user', `me:${password}`, '--header', `X-Auth-Token: ${token}`, '-o', path.join(shared.work, 'slow.bin'), '--home', path.join(shared.work, 'h-secret')], { stdio: 'ignore' });
    try {
      await expect.poll(() => shared.server.requestsFor('/secret/slow.bin').length, { timeout: 10_000 }).toBeGreaterThan(0);
      const shown = fs.readFileSync(`/proc/${child.pid}/cmdline`, 'utf8');
      expect(shown).toContain('me:***');
      expect(shown).toContain('X-Auth-Token: ***');
      for (const secret of [password, token, urlPassword]) expect(shown).not.toContain(secret);
      expect(shared.server.requestsFor('/secret/slow.bin')[0]!.headers['x-auth-token']).toBe(token);
    } finally {
      child.kill('SIGKILL');
    }
  });
});

describe('secrets that never reach the command line', () => {
  it('--header @FILE reads the headers from a file; an unreadable one is named', async () => {
    const token = throwawaySecret();
    const file = path.join(shared.work, 'headers.txt');
    fs.writeFileSync(file, `# for the API\nX-Api-Key: ${token}\n\nX-Trace: 1\n`, { mode: 0o600 });
    shared.server.serve('/secret/h.bin', randomFile(1000));
    const ok = await ferry(['get', shared.server.url('/secret/h.bin'), '--header', `@${file}`, '-o', path.join(shared.work, 'h.bin')]);
    expect(ok.code).toBe(0);
    expect(shared.server.requestsFor('/secret/h.bin')[0]!.headers).toMatchObject({ 'x-api-key': token, 'x-trace': '1' });
    const missing = await ferry(['get', shared.server.url('/secret/h.bin'), '--header', '@/nonexistent/headers', '-o', path.join(shared.work, 'h2.bin')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe('ferry: FileAccessDenied: --header @/nonexistent/headers: cannot read it (ENOENT)\n');
  });

  it('FERRY_USER holds the credential when --user is not given', async () => {
    const credential = `me:${throwawaySecret()}`;
    shared.server.serve('/secret/env.bin', randomFile(1000));
    const result = await ferry(['get', shared.server.url('/secret/env.bin'), '-o', path.join(shared.work, 'env.bin')], { FERRY_USER: credential });
    expect(result.code).toBe(0);
    expect(shared.server.requestsFor('/secret/env.bin')[0]!.authorization).toBe(basic(credential));
  });

  it('--user NAME without a terminal says how to give the password', async () => {
    const result = await ferry(['get', shared.server.url('/secret/env.bin'), '--user', 'me', '-o', path.join(shared.work, 'none.bin')]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^ferry: InvalidArgument: --user me needs its password: run on a terminal to be asked for it, or set FERRY_USER=me:PASSWORD/);
  });

  it('--user NAME on a terminal asks for the password without echoing it', async () => {
    const password = throwawaySecret();
    shared.server.serve('/secret/tty.bin', randomFile(1000));
    // A pseudo-terminal from Python's pty module: type the password once the prompt shows.
    const script = `
import os, pty, sys, time
pid, fd = pty.fork()
if pid == 0:
    os.execv(sys.argv[1], sys.argv[1:])
seen = b''
while b'Password for me: ' not in seen:
    seen += os.read(fd, 1024)
os.write(fd, sys.stdin.readline().encode())
try:
    while True:
        chunk = os.read(fd, 1024)
        if not chunk: break
        seen += chunk
except OSError:
    pass
_, status = os.waitpid(pid, 0)
sys.stdout.write(seen.decode(errors='replace'))
sys.exit(os.waitstatus_to_exitcode(status))
`;
    // Not spawnSync: the test's own server must keep answering meanwhile.
    const run = await new Promise<{ stdout: string; status: number | null }>((resolve) => {
      const child = spawn('python3', ['-c', script, process.execPath, FERRY_BIN, 'get', shared.server.url('/secret/tty.bin'), '--user', 'me', '-o', path.join(shared.work, 'tty.bin')]);
      let stdout = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      child.stdin.end(`${password}\n`);
      child.on('close', (status) => resolve({ stdout, status }));
    });
    expect(run.stdout).toContain('Password for me: ');
    expect(run.stdout).not.toContain(password);
    expect(run.status).toBe(0);
    expect(shared.server.requestsFor('/secret/tty.bin')[0]!.authorization).toBe(basic(`me:${password}`));
  });
});

describe('secrets that npx would show', () => {
  it.skipIf(process.platform !== 'linux')('warns when the process that started Ferry (npx) shows a secret, and only then', async () => {
    // A project with ferry in node_modules/.bin, the way `npx ferry` finds it; --offline: no registry.
    const project = path.join(shared.work, 'npx-project');
    fs.mkdirSync(path.join(project, 'node_modules', '.bin'), { recursive: true });
    fs.writeFileSync(path.join(project, 'package.json'), '{"name":"npx-project","version":"1.0.0"}');
    fs.rmSync(path.join(project, 'node_modules', '.bin', 'ferry'), { force: true });
    fs.symlinkSync(FERRY_BIN, path.join(project, 'node_modules', '.bin', 'ferry'));
    shared.server.serve('/secret/npx.bin', randomFile(1000));
    const password = throwawaySecret();
    const args = ['get', shared.server.url('/secret/npx.bin'), '--user', `me:${password}`, '--home', path.join(shared.work, 'h-npx')];
    const run = (command: string, argv: string[]) =>
      new Promise<{ code: number | null; stderr: string }>((resolve) => {
        const child = spawn(command, argv, { cwd: project, stdio: ['ignore', 'ignore', 'pipe'] });
        let stderr = '';
        child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
        child.on('close', (code) => resolve({ code, stderr }));
      });
    const underNpx = await run('npx', ['--offline', 'ferry', ...args, '-o', path.join(shared.work, 'npx-1.bin')]);
    expect(underNpx.code).toBe(0);
    expect(underNpx.stderr).toMatch(/^ferry: warning: a secret given on this command line stays visible to every user of this machine, in the process list, as part of the command of "(sh|dash|bash|npm)(, run by npx)?" that started Ferry, for as long as it runs \(Ferry can hide it only from its own\)\. Install Ferry so that "ferry" is on your PATH \(npm install -g, or npm link in its folder\) instead of running it through npx, and give secrets with --user NAME \(asks for the password\), --header @FILE, or FERRY_USER=NAME:PASSWORD in the environment\n/);
    expect(underNpx.stderr).not.toContain(password);
    // Started directly (this test runs under npx itself, so npm's variables are in the environment): no warning.
    const direct = await run(process.execPath, [FERRY_BIN, ...args, '-o', path.join(shared.work, 'npx-2.bin')]);
    expect(direct.code).toBe(0);
    expect(direct.stderr).toMatch(/^ferry: saved /);
    // Under npx with the secret off the command line: no warning either.
    const fromEnv = await run('npx', ['--offline', 'ferry', ...args.filter((a) => a !== '--user' && !a.startsWith('me:')), '-o', path.join(shared.work, 'npx-3.bin')]);
    expect(fromEnv.code).toBe(0);
    expect(fromEnv.stderr).toMatch(/^ferry: saved /);
  });
});

describe('a URL password in an error', () => {
  it('is never shown by ferry get or ferry upload, whatever is wrong with the URL', async () => {
    const password = throwawaySecret();
    const upload = path.join(shared.work, 'upload-me.txt');
    fs.writeFileSync(upload, 'x');
    const runs = [
      ['get', `http://bob:${password}@127.0.0.1:99999/x`],
      ['get', `gopher://bob:${password}@127.0.0.1/x`],
      ['get', `ftp://bob:${password}@127.0.0.1:1/x`, '-o', path.join(shared.work, 'refused-ftp.bin')],
      ['get', `http://bob:${password}@127.0.0.1:1/x`, '-o', path.join(shared.work, 'refused.bin')],
      ['upload', upload, '--to', `http://bob:${password}@127.0.0.1:99999/`],
      ['upload', upload, '--to', `ftp://bob:${password}@127.0.0.1/`],
    ];
    for (const args of runs) {
      const result = await ferry([...args, '--home', path.join(shared.work, 'h-url')]);
      expect(result.code, args.join(' ')).toBe(1);
      expect(result.stderr).toMatch(/^ferry: (InvalidUri|CannotConnect): /);
      expect(result.stderr).not.toContain(password);
    }
  });
});
