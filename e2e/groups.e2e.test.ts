// A completion group in the browser UI against the daemon: made and closed from the CLI, its
// program run; a member's details say where the group is and show what the program printed.
import path from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright';
import { randomFile } from '../test/helpers/fault-server.ts';
import { ferry } from '../test/helpers/cli.ts';
import { groupProgram } from '../test/helpers/group-program.ts';
import { useDaemonBed } from './helpers/daemon-bed.ts';

const ARTIFACTS = path.resolve(import.meta.dirname, 'artifacts');
const bed = useDaemonBed('ferry-e2e-groups');
let page: Page;

beforeAll(async () => {
  bed.server.serve('/files/first.bin', randomFile(20_000)).serve('/files/second.bin', randomFile(30_000));
  page = await bed.browser.newPage({ viewport: { width: 1200, height: 800 } });
  await page.goto(bed.daemon.url);
  await page.getByRole('button', { name: 'Add download' }).waitFor();
});

it("a member's details show its group: waiting for the others, then what its program did", async () => {
  const program = groupProgram(bed.downloads);
  const words = program.words().map((w) => `'${w}'`).join(' ');
  expect((await ferry(['group', 'create', 'nightly', '--on-complete', words, '--home', bed.home])).code).toBe(0);
  await ferry(['add', bed.server.url('/files/first.bin'), '-d', bed.downloads, '--group', 'nightly', '--wait', '--home', bed.home]);
  await page.getByRole('button', { name: 'Details of first.bin' }).click();
  const details = page.getByRole('region', { name: 'Details: first.bin' });
  const status = details.getByRole('status').filter({ hasText: 'nightly' });
  await expect.poll(() => status.textContent()).toBe('nightly: open, 1 transfer so far');
  // A browser page is not shown the program's words (it may hold what only the CLI should see).
  expect(await details.textContent()).toContain('When all have finished: run the program set with the ferry command');
  expect(await details.textContent()).not.toContain(program.words()[1]!);

  await ferry(['add', bed.server.url('/files/second.bin'), '-d', bed.downloads, '--group', 'nightly', '--wait', '--home', bed.home]);
  await expect.poll(() => status.textContent()).toBe('nightly: open, 2 transfers so far');
  expect((await ferry(['group', 'close', 'nightly', '--home', bed.home])).code).toBe(0);
  await expect.poll(() => status.textContent(), { timeout: 15_000 }).toMatch(/^nightly: its actions ran at /);
  expect(await details.locator('.group-outcome').textContent()).toMatch(/^Done: the program exited with 0ran for nightly/);
  // The sidebar lists the group with its members' count; choosing it shows them (and only them).
  const groupButton = page.getByRole('group', { name: 'Groups' }).getByRole('button', { name: /^nightly/ });
  expect(await groupButton.textContent()).toBe('nightly 2');
  await groupButton.click();
  expect(await groupButton.getAttribute('aria-pressed')).toBe('true');
  expect(await page.getByRole('grid', { name: 'Transfers' }).getByRole('row').filter({ hasText: '.bin' }).count()).toBe(2);
  // The group's lines sit below the fold of the pane: the picture is of them.
  await details.locator('.group-outcome').scrollIntoViewIfNeeded();
  await page.screenshot({ path: path.join(ARTIFACTS, 'group-details.png') });
  expect(program.runs()).toHaveLength(1);
});
