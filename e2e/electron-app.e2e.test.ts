// The desktop app end to end with Playwright's Electron driver: the same scenario as the browser
// twin. It runs wherever the Electron binary is installed; elsewhere it says so in one line.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { _electron, type ElectronApplication, type Page } from 'playwright';
import { electronBinary } from './helpers/electron-binary.ts';
import { FaultServer, randomFile, sha256 } from '../test/helpers/fault-server.ts';
import { sha256File, tempDir } from '../test/helpers/engine.ts';
import { UploadServer } from '../test/helpers/upload-server.ts';

const binary = electronBinary();
const ROOT = path.resolve(import.meta.dirname, '..');
if (!binary) console.log('Electron e2e did not run: the Electron binary is not installed here (node_modules/electron/dist is missing).');

describe.skipIf(!binary)('the desktop app', () => {
  let server: FaultServer;
  let app: ElectronApplication;
  let page: Page;
  let userData: string;
  let downloads: string;

  beforeAll(async () => {
    server = await new FaultServer().start();
    userData = tempDir('ferry-electron-');
    downloads = tempDir('ferry-electron-dl-');
    app = await _electron.launch({ executablePath: binary!, args: [ROOT], env: { ...process.env, FERRY_USER_DATA: userData } });
    page = await app.firstWindow();
    await page.getByRole('button', { name: 'Add download' }).waitFor();
  });
  afterAll(async () => {
    await app?.close();
    await server?.close();
    fs.rmSync(userData, { recursive: true, force: true });
    fs.rmSync(downloads, { recursive: true, force: true });
  });

  const item = (name: string) => page.getByRole('row').filter({ hasText: name });
  const progressOf = async (name: string) => Number(await item(name).getByRole('progressbar').getAttribute('aria-valuenow'));

  it('adds, pauses, resumes and completes a download; refuses a malformed URL; keeps isolation on', async () => {
    expect(await page.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined');
    const file = randomFile(1_500_000, { rate: 300_000 });
    server.serve('/movie.bin', file);
    await page.getByRole('button', { name: 'Add download' }).click();
    await page.getByLabel('URL').fill(server.url('/movie.bin'));
    await page.getByLabel('Folder').fill(downloads);
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await expect.poll(() => progressOf('movie.bin'), { timeout: 10_000 }).toBeGreaterThan(5);
    await item('movie.bin').getByRole('button', { name: 'Pause movie.bin', exact: true }).click();
    await expect.poll(() => item('movie.bin').textContent()).toContain('Paused');
    await item('movie.bin').getByRole('button', { name: 'Resume movie.bin', exact: true }).click();
    await expect.poll(() => item('movie.bin').textContent(), { timeout: 20_000 }).toContain('Completed');
    expect(sha256File(path.join(downloads, 'movie.bin'))).toBe(sha256(file.body));

    await page.getByRole('button', { name: 'Add download' }).click();
    await page.getByLabel('URL').fill('not a url');
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await expect.poll(() => page.getByRole('dialog').getByRole('alert').textContent()).toMatch(/not a valid URL/);
    await page.getByRole('button', { name: 'Close' }).click();
    expect(await page.locator('.table-body [role=row]').count()).toBe(1);
    fs.mkdirSync(path.join(ROOT, 'e2e/artifacts'), { recursive: true });
    await page.screenshot({ path: path.join(ROOT, 'e2e/artifacts/electron-window.png') });
  });

  it("offers opening the folder in the group editor and the add form (the desktop app can), and saves it", async () => {
    const file = randomFile(50_000);
    server.serve('/grouped.bin', file);
    // A group with a member, made through the window's own bridge; never closed, so nothing is opened.
    await page.evaluate(async ({ url, dir }) => {
      const ferry = (window as unknown as { ferry: { createGroup(r: unknown): Promise<unknown>; createDownload(r: unknown): Promise<unknown> } }).ferry;
      await ferry.createGroup({ name: 'desk' });
      await ferry.createDownload({ url, dir, group: 'desk' });
    }, { url: server.url('/grouped.bin'), dir: downloads });
    await page.getByRole('button', { name: 'Edit group desk…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Group desk' });
    await dialog.getByLabel('Open the folder of the files').check();
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    const saved = await page.evaluate(async () => ((await (window as unknown as { ferry: { listGroups(): Promise<Array<{ name: string; onComplete: unknown }>> } }).ferry.listGroups()).find((g) => g.name === 'desk')!.onComplete));
    expect(saved).toEqual({ run: null, moveTo: null, openFolder: true });
    await page.screenshot({ path: path.join(ROOT, 'e2e/artifacts/electron-group-editor.png') });
    await dialog.getByRole('button', { name: 'Close', exact: true }).click();
    await page.getByRole('button', { name: 'Add download' }).click();
    await expect.poll(() => page.getByRole('combobox', { name: 'When these are done' }).locator('option').allTextContents()).toEqual(['nothing', 'notify me', 'open their folder']);
    await page.getByRole('button', { name: 'Close', exact: true }).click();
  });

  it('uploads a picked file from where it is on disk (the preload gives its path), and shows the answer', async () => {
    const receiver = await new UploadServer().start();
    const src = path.join(downloads, 'notes.txt');
    fs.writeFileSync(src, 'uploaded from the desktop\n'.repeat(1000));
    try {
      await page.getByLabel('Upload files').setInputFiles(src);
      const dialog = page.getByRole('dialog', { name: 'Upload files' });
      await dialog.getByLabel('Upload to').fill(receiver.url('/share/'));
      await dialog.getByRole('button', { name: 'Upload', exact: true }).click();
      await expect.poll(() => item('notes.txt').textContent(), { timeout: 20_000 }).toContain('The server answered HTTP 201');
      expect(receiver.for('/share/notes.txt')).toMatchObject([{ method: 'PUT', sha256: sha256File(src) }]);
    } finally {
      await receiver.close();
    }
  });
});
