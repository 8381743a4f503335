// Settings' aria2 RPC in the browser UI against the daemon: switching it on with a port makes the
// daemon answer an aria2 client there (with the secret set by the CLI, never shown in the page);
// switching it off stops it. A web UI on another origin (as AriaNg is) gets in, from Chromium,
// only once its origin is listed in the same section.
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright';
import { ferry } from '../test/helpers/cli.ts';
import { aria2Client, freePort } from '../test/helpers/aria2-client.ts';
import { throwawaySecret } from '../test/helpers/secrets.ts';
import { useDaemonBed } from './helpers/daemon-bed.ts';

const ARTIFACTS = path.resolve(import.meta.dirname, 'artifacts');
const bed = useDaemonBed('ferry-e2e-aria2');
const secret = throwawaySecret();
let page: Page;

beforeAll(async () => {
  const file = path.join(bed.downloads, 'secret.txt');
  fs.writeFileSync(file, secret);
  const set = await ferry(['config', 'set', 'aria2Rpc.secret', `@${file}`, '--home', bed.home]);
  expect(set.code, set.stderr).toBe(0);
  fs.rmSync(file);
  page = await bed.browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(bed.daemon.url);
  await page.getByRole('button', { name: 'Add download' }).waitFor();
});

async function saveAria2Settings(on: boolean, port?: number, origins?: string): Promise<void> {
  await page.getByRole('button', { name: 'Settings' }).click();
  const settings = page.getByRole('dialog', { name: 'Settings' });
  await settings.getByRole('tab', { name: 'Advanced' }).click();
  await settings.getByLabel(/^Answer aria2's JSON-RPC/).setChecked(on);
  if (origins !== undefined) await settings.getByLabel(/^Web pages that may call it too/).fill(origins);
  if (port !== undefined) {
    await settings.getByLabel('Port', { exact: true }).fill(String(port));
    expect(await settings.getByText('/jsonrpc').textContent()).toContain(`http://127.0.0.1:${port}/jsonrpc`);
    await settings.screenshot({ path: path.join(ARTIFACTS, 'settings-aria2-rpc.png') });
  }
  await settings.getByRole('button', { name: 'Save' }).click();
  await expect.poll(() => settings.count()).toBe(0);
}

it('switched on in Settings, the daemon answers aria2 clients on that port; switched off, it stops', async () => {
  const port = await freePort();
  await expect(aria2Client(port, secret).call('getVersion')).rejects.toThrow(/ECONNREFUSED|fetch failed/);
  await saveAria2Settings(true, port);
  expect((await ferry(['config', 'get', 'aria2Rpc.port', '--home', bed.home])).stdout.trim()).toBe(String(port));
  await expect.poll(() => aria2Client(port, secret).call('getVersion').then(() => 'answered', (e: Error) => e.message)).toBe('answered');
  expect(await page.content()).not.toContain(secret);

  await saveAria2Settings(false);
  await expect.poll(() => aria2Client(port, secret).call('getVersion').then(() => 'answered', (e: Error) => e.message)).toMatch(/fetch failed|ECONNREFUSED/);
  expect((await ferry(['config', 'get', 'aria2Rpc.enabled', '--home', bed.home])).stdout.trim()).toBe('false');
});

it('a web UI served from another origin calls it over fetch and WebSocket once that origin is listed', async () => {
  const port = await freePort();
  bed.server.serve('/ariang.html', { body: Buffer.from('<!doctype html><title>web UI</title>'), headers: { 'content-type': 'text/html' } });
  const webUi = await bed.browser.newPage();
  await webUi.goto(bed.server.url('/ariang.html'));
  const origin = new URL(bed.server.url('/')).origin;
  const rpc = `127.0.0.1:${port}/jsonrpc`;
  // What AriaNg does: a JSON POST, then a WebSocket, each call carrying "token:SECRET".
  const callFromPage = () =>
    webUi.evaluate(async ([address, token]) => {
      const call = JSON.stringify({ jsonrpc: '2.0', id: 'web', method: 'aria2.getVersion', params: [`token:${token}`] });
      try {
        const answer = (await (await fetch(`http://${address}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: call })).json()) as { result: { version: string } };
        const overSocket = await new Promise<string>((resolve) => {
          const socket = new WebSocket(`ws://${address}`);
          socket.onopen = () => socket.send(call);
          socket.onmessage = (event) => resolve((JSON.parse(String(event.data)) as { result: { version: string } }).result.version);
          socket.onerror = () => resolve('refused');
        });
        return `fetch ${answer.result.version}, WebSocket ${overSocket}`;
      } catch (error) {
        return String(error);
      }
    }, [rpc, secret] as const);

  await saveAria2Settings(true, port);
  expect(await callFromPage()).toBe('TypeError: Failed to fetch');
  await saveAria2Settings(true, undefined, origin);
  expect((await ferry(['config', 'get', 'aria2Rpc.origins', '--home', bed.home])).stdout.trim()).toBe(origin);
  expect(await callFromPage()).toMatch(/^fetch \d+\.\d+\.\d+, WebSocket \d+\.\d+\.\d+$/);
  await saveAria2Settings(true, undefined, '');
  expect(await callFromPage()).toBe('TypeError: Failed to fetch');
  await webUi.close();
});
