// The browser login: a one-time URL, a session only that page's origin holds, nothing that another
// local server could receive, and `ferry ui` / `ferry logout` to log in again or end every session.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright';
import { ferry } from '../test/helpers/cli.ts';
import { randomFile } from '../test/helpers/fault-server.ts';
import { cliToken } from '../test/helpers/raw-client.ts';
import { useDaemonBed } from './helpers/daemon-bed.ts';

const ARTIFACTS = path.resolve(import.meta.dirname, 'artifacts');
const bed = useDaemonBed('ferry-login');
const LOGGED_OUT = 'Not logged in to this Ferry daemon';

/** Another web server on 127.0.0.1 (a dev server, someone else's process) that records what it gets. */
let other: http.Server;
let otherUrl: string;
const seenByOther: string[] = [];
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  other = http.createServer((request, response) => {
    seenByOther.push(`${request.method} ${request.url}\n${JSON.stringify(request.headers)}`);
    response.writeHead(200, { 'content-type': 'text/html' });
    response.end('<!doctype html><title>other</title><p>another local server</p>');
  });
  await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
  otherUrl = `http://127.0.0.1:${(other.address() as AddressInfo).port}/`;
});

afterAll(async () => {
  for (const context of contexts) await context.close();
  await new Promise((resolve) => other?.close(resolve));
});

async function freshPage(): Promise<Page> {
  const context = await bed.browser.newContext();
  contexts.push(context);
  return context.newPage();
}

const listShown = (page: Page) => page.getByRole('button', { name: 'Add download' }).waitFor();

it('logs in once with the printed URL; a second fresh browser with the same URL is refused', async () => {
  const first = await freshPage();
  await first.goto(bed.daemon.url);
  await listShown(first);
  await expect.poll(() => first.getByText('Not connected').count()).toBe(0);
  expect(first.url()).not.toContain('login=');
  bed.server.serve('/files/login-test.bin', randomFile(1000));
  expect((await ferry(['add', bed.server.url('/files/login-test.bin'), '-d', bed.downloads, '--home', bed.home])).code).toBe(0);
  await expect.poll(() => first.locator('.table-body [role=row]').count()).toBe(1);
  expect(await first.context().cookies()).toEqual([]);

  const second = await freshPage();
  await second.goto(bed.daemon.url);
  await expect.poll(() => second.getByText(LOGGED_OUT).count(), { timeout: 10_000 }).toBe(1);
  expect(await second.locator('.table-body [role=row]').count()).toBe(0);
  expect(await second.getByRole('button', { name: 'Add download' }).isVisible()).toBe(false);
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  await second.screenshot({ path: path.join(ARTIFACTS, 'login-refused.png') });

  // The same page reloaded keeps its session (it lives in that origin's storage).
  await first.reload();
  await listShown(first);
  await expect.poll(() => first.getByText(LOGGED_OUT).count()).toBe(0);
});

it('gives another local server nothing that opens the daemon', async () => {
  const page = await freshPage();
  await page.goto((await ferry(['ui', '--no-open', '--home', bed.home])).stdout.trim());
  await listShown(page);
  await expect.poll(() => page.evaluate(() => localStorage.getItem('ferry.session'))).toMatch(/^s1\./);
  const session = await page.evaluate(() => localStorage.getItem('ferry.session'));
  expect(session).toMatch(/^s1\./);
  await page.goto(otherUrl);
  await page.goto(`${otherUrl}some/page?x=1`);
  // Even a page there that tries the daemon's API from the browser gets nowhere.
  const daemonOrigin = new URL(bed.daemon.url).origin;
  const tried = await page.evaluate(async (origin) => {
    try {
      const r = await fetch(`${origin}/api/rpc`, { method: 'POST', credentials: 'include', body: '{"method":"listTransfers","args":[]}' });
      return r.status;
    } catch {
      return 'blocked';
    }
  }, daemonOrigin);
  expect(tried === 'blocked' || tried === 401 || tried === 403).toBe(true);
  const everything = seenByOther.join('\n');
  expect(seenByOther.length).toBeGreaterThanOrEqual(2);
  expect(everything).not.toContain(session!);
  expect(everything).not.toContain(cliToken(bed.home));
  expect(everything.toLowerCase()).not.toContain('cookie');
});

it('ferry ui makes a fresh login URL; ferry logout ends every session and the CLI keeps working', async () => {
  const ui = await ferry(['ui', '--no-open', '--home', bed.home]);
  expect(ui.code).toBe(0);
  const url = ui.stdout.trim();
  expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#login=[\w-]+$/);
  expect(url).not.toBe(bed.daemon.url);
  const page = await freshPage();
  await page.goto(url);
  await listShown(page);
  await expect.poll(() => page.getByText(LOGGED_OUT).count()).toBe(0);

  const tokenBefore = cliToken(bed.home);
  const logout = await ferry(['logout', '--home', bed.home]);
  expect(logout.code).toBe(0);
  expect(cliToken(bed.home)).not.toBe(tokenBefore);
  await expect.poll(() => page.getByText(LOGGED_OUT).count(), { timeout: 10_000 }).toBe(1);
  expect((await ferry(['ls', '--home', bed.home])).code).toBe(0);

  // Deleting the token file does the same.
  const again = await freshPage();
  await again.goto((await ferry(['ui', '--no-open', '--home', bed.home])).stdout.trim());
  await listShown(again);
  await expect.poll(() => again.getByText(LOGGED_OUT).count()).toBe(0);
  fs.rmSync(path.join(bed.home, 'token'));
  await expect.poll(() => again.getByText(LOGGED_OUT).count(), { timeout: 10_000 }).toBe(1);
  await expect.poll(() => fs.existsSync(path.join(bed.home, 'token')), { timeout: 5000 }).toBe(true);
  expect((await ferry(['ls', '--home', bed.home])).code).toBe(0);
});

it('logs in with a fresh link pasted into the same tab (only the #login= fragment changes)', async () => {
  const page = await freshPage();
  await page.goto((await ferry(['ui', '--no-open', '--home', bed.home])).stdout.trim());
  await listShown(page);
  expect((await ferry(['logout', '--home', bed.home])).code).toBe(0);
  await expect.poll(() => page.getByText(LOGGED_OUT).count(), { timeout: 10_000 }).toBe(1);
  const fresh = (await ferry(['ui', '--no-open', '--home', bed.home])).stdout.trim();
  // The same page and path: the browser only moves to the new fragment (no reload).
  expect(new URL(fresh).pathname).toBe(new URL(page.url()).pathname);
  await page.evaluate(() => ((window as unknown as { sameDocument: boolean }).sameDocument = true));
  await page.goto(fresh);
  await expect.poll(() => page.getByText(LOGGED_OUT).count(), { timeout: 10_000 }).toBe(0);
  await listShown(page);
  await expect.poll(() => page.locator('.table-body [role=row]').count()).toBeGreaterThan(0);
  expect(await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(true);
  expect(page.url()).not.toContain('login=');
});

it('ferry ui opens the URL with the desktop\'s opener where there is a display', async () => {
  const bin = path.join(bed.home, 'fake-bin');
  fs.mkdirSync(bin);
  const opened = path.join(bed.home, 'opened.txt');
  fs.writeFileSync(path.join(bin, 'xdg-open'), `#!/bin/sh\nprintf '%s' "$1" > '${opened}'\n`, { mode: 0o755 });
  const ui = await ferry(['ui', '--home', bed.home], { DISPLAY: ':99', PATH: `${bin}:${process.env['PATH']}` });
  expect(ui.code).toBe(0);
  await expect.poll(() => fs.existsSync(opened) && fs.readFileSync(opened, 'utf8'), { timeout: 5000 }).toBe(ui.stdout.trim());
  // Without a display it only prints.
  fs.rmSync(opened);
  const headless = await ferry(['ui', '--home', bed.home], { DISPLAY: '', WAYLAND_DISPLAY: '', PATH: `${bin}:${process.env['PATH']}` });
  expect(headless.stdout).toMatch(/#login=/);
  await new Promise((resolve) => setTimeout(resolve, 300));
  expect(fs.existsSync(opened)).toBe(false);
});
