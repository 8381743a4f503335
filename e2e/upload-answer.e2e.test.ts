// An upload that has sent every byte and waits for the server's answer says so in its row, with no
// speed or time left flickering, instead of sitting at 100% as if still sending.
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright';
import { ferry } from '../test/helpers/cli.ts';
import { UploadServer } from '../test/helpers/upload-server.ts';
import { useDaemonBed } from './helpers/daemon-bed.ts';

const ARTIFACTS = path.resolve(import.meta.dirname, 'artifacts');
const bed = useDaemonBed('ferry-e2e-upload-answer');
let page: Page;
let receiver: UploadServer;

beforeAll(async () => {
  receiver = await new UploadServer().start();
  page = await bed.browser.newPage({ viewport: { width: 1280, height: 500 } });
  await page.goto(bed.daemon.url);
  await page.getByRole('button', { name: 'Add download' }).waitFor();
});
afterAll(async () => {
  await receiver.close();
});

it("says an upload waits for the server's answer once every byte is sent", async () => {
  const file = path.join(bed.downloads, 'scan.pdf');
  fs.writeFileSync(file, randomBytes(300_000));
  // The server reads the whole body and does not answer.
  receiver.fault('/inbox/scan.pdf', { kind: 'noAnswer' });
  expect((await ferry(['upload', file, '--to', receiver.url('/inbox/'), '--daemon', '--home', bed.home])).code).toBe(0);
  const row = page.getByRole('row').filter({ hasText: 'scan.pdf' });
  await expect.poll(() => row.locator('.col-status').textContent(), { timeout: 15_000 }).toBe('Sent, waiting for the answer');
  expect(await row.locator('.col-speed').textContent()).toBe('');
  expect(await row.locator('.col-eta').textContent()).toBe('');
  await page.screenshot({ path: path.join(ARTIFACTS, 'upload-awaiting-answer.png') });
});
