// The group editor and the add form's "When these are done" in the browser UI against the daemon:
// a group's behaviour, actions and time windows set from the sidebar's Edit group… and read back
// with `ferry group show`; the program set with the ferry command kept (never shown, never typed);
// bad windows refused in words at once; Close group fires it once; a fired group's actions refused;
// a group made by the add form notifies once both downloads are in (real bytes, sha256); the
// browser's API refuses a program and lists the actions by name only. Pictures: light and dark,
// 1280 and 800 wide.
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright';
import { randomFile, sha256 } from '../test/helpers/fault-server.ts';
import { ferry } from '../test/helpers/cli.ts';
import { sha256File } from '../test/helpers/engine.ts';
import { groupProgram, type GroupProgram } from '../test/helpers/group-program.ts';
import type { GroupInfo } from '../shared/model.ts';
import { useDaemonBed } from './helpers/daemon-bed.ts';

const ARTIFACTS = path.resolve(import.meta.dirname, 'artifacts');
const SLOW = { timeout: 20_000 };
const bed = useDaemonBed('ferry-e2e-group-editor');
const files = { first: randomFile(200_000), second: randomFile(300_000), third: randomFile(100_000) };
let page: Page;
let program: GroupProgram;

async function shown(name: string): Promise<GroupInfo> {
  const answer = await ferry(['group', 'show', name, '--json', '--home', bed.home]);
  expect(answer.code).toBe(0);
  return JSON.parse(answer.stdout) as GroupInfo;
}

/** The page's own API call over its session, as any script on the page could make it. */
async function pageRpc(method: string, args: unknown[]): Promise<unknown> {
  return page.evaluate(
    async ({ method, args }) => {
      const session = localStorage.getItem('ferry.session');
      const r = await fetch('/api/rpc', { method: 'POST', headers: { authorization: `Bearer ${session}`, 'content-type': 'application/json' }, body: JSON.stringify({ method, args }) });
      return r.json();
    },
    { method, args },
  );
}

async function picture(name: string, width: number, theme: 'light' | 'dark'): Promise<void> {
  await ferry(['config', 'set', 'theme', theme, '--home', bed.home]);
  await expect.poll(() => page.evaluate(() => document.documentElement.dataset['theme'])).toBe(theme);
  await page.setViewportSize({ width, height: 800 });
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}-${theme}-${width}.png`) });
}

beforeAll(async () => {
  program = groupProgram(bed.home);
  const [first, ...rest] = program.words();
  // The user's own actions file; the page is told the names and descriptions, never these words.
  fs.writeFileSync(path.join(bed.home, 'actions.json'), JSON.stringify({ actions: { unpack: { program: first, args: rest, description: 'Unpack archives' }, tidy: { program: 'true', args: ['--token', 'hunter2'] } } }));
  for (const [name, file] of Object.entries(files)) bed.server.serve(`/files/${name}.bin`, file);
  page = await bed.browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(bed.daemon.url);
  await page.getByRole('button', { name: 'Add download' }).waitFor();
});

it("sets a group's behaviour, actions and windows from its editor; ferry group show has them; bad windows are refused in words at once", async () => {
  // A group made with the ferry command, its program set there.
  expect((await ferry(['group', 'create', 'nightly', '--on-complete', program.words().map((w) => `'${w}'`).join(' '), '--home', bed.home])).code).toBe(0);
  expect((await ferry(['add', bed.server.url('/files/first.bin'), '-d', bed.downloads, '--group', 'nightly', '--wait', '--home', bed.home])).code).toBe(0);
  await page.getByRole('button', { name: 'Edit group nightly…' }).click(SLOW);
  const dialog = page.getByRole('dialog', { name: 'Group nightly' });
  await expect.poll(() => dialog.getByRole('status').first().textContent()).toBe('nightly: open, 1 transfer so far');
  const run = dialog.getByRole('combobox', { name: 'Run', exact: true });
  // The program is kept without its words being shown; the named actions are offered by name and description.
  await expect.poll(() => run.locator('option').allTextContents()).toEqual(['nothing', 'the program set with the ferry command', 'the action unpack: Unpack archives', 'the action tidy']);
  expect(await run.inputValue()).toBe(':keep');
  expect(await dialog.textContent()).not.toContain(program.words()[1]!);
  // Opening a folder is the desktop app's: the browser UI does not offer it.
  expect(await dialog.getByLabel('Open the folder of the files').count()).toBe(0);

  await dialog.getByRole('combobox', { name: 'Its transfers run', exact: true }).selectOption('serialized');
  await dialog.getByLabel('Notify me').check();
  const moved = path.join(bed.downloads, 'moved');
  fs.mkdirSync(moved);
  await dialog.getByLabel('Move the files into').fill(moved);
  const windows = dialog.getByLabel('Its transfers run only');
  expect(await windows.inputValue()).toBe('');
  await windows.fill('mon-fri 01:00-07:00; at night');
  // Said at once, as the user types, and Save waits for a good text.
  await expect.poll(() => dialog.getByRole('alert').textContent()).toBe('A time window is "[days] HH:MM-HH:MM" such as "mon-fri 01:00-07:00" (windows apart with ";"), not "at night".');
  expect(await windows.getAttribute('aria-invalid')).toBe('true');
  expect(await dialog.getByRole('button', { name: 'Save' }).isDisabled()).toBe(true);
  await picture('group-editor-bad-window', 1280, 'light');
  await windows.fill('mon-fri 01:00-07:00; sat,sun 00:00-24:00');
  expect(await dialog.getByRole('alert').count()).toBe(0);
  await dialog.getByRole('button', { name: 'Save' }).click();
  await dialog.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
  expect(await shown('nightly')).toMatchObject({
    behavior: 'serialized',
    closed: false,
    onComplete: { run: program.words(), moveTo: moved, notify: true },
    runWindows: [
      { days: [1, 2, 3, 4, 5], from: '01:00', to: '07:00' },
      { days: [0, 6], from: '00:00', to: '24:00' },
    ],
  });
  expect((await ferry(['group', 'show', 'nightly', '--home', bed.home])).stdout).toContain('  runs only: mon-fri 01:00-07:00; sun,sat 00:00-24:00 (and when the settings\' windows allow)');
  await picture('group-editor', 1280, 'light');
  await picture('group-editor', 1280, 'dark');
  await picture('group-editor', 800, 'dark');
  await picture('group-editor', 800, 'light');
  await page.setViewportSize({ width: 1280, height: 800 });

  // The named action instead of the kept program, and "none" clears the windows.
  await run.selectOption('unpack');
  await windows.fill('none');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect.poll(async () => (await shown('nightly')).runWindows).toEqual([]);
  expect((await shown('nightly')).onComplete).toEqual({ run: program.words(), moveTo: moved, notify: true, action: 'unpack' });

  // Close group: its one member has finished, so its actions run, once.
  await dialog.getByRole('button', { name: 'Close group' }).click();
  await expect.poll(() => dialog.getByRole('status').first().textContent(), SLOW).toMatch(/^nightly: its actions ran at /);
  expect(program.runs()).toHaveLength(1);
  expect(sha256File(path.join(moved, 'first.bin'))).toBe(sha256(files.first.body));
  const fired = await shown('nightly');
  expect(fired.history).toHaveLength(1);
  expect(fired.history[0]!.outcomes.map((o) => [o.action, o.ok])).toEqual([
    ['move', true],
    ['run', true],
    ['notify', true],
  ]);
  // Fired: its actions cannot change (said, and the fields are off); the API refuses in words.
  await dialog.getByText('Its actions have run: they cannot change any more (its time windows can).').waitFor();
  expect(await dialog.getByLabel('Notify me').isDisabled()).toBe(true);
  expect(await dialog.getByRole('button', { name: 'Close group' }).isDisabled()).toBe(true);
  expect(await pageRpc('createGroup', [{ name: 'nightly', onComplete: { notify: false } }])).toMatchObject({ error: { status: 'InvalidArgument', message: expect.stringMatching(/^group nightly has run its actions already \(.+\): they cannot change; make a new group$/) } });
  await picture('group-editor-fired', 1280, 'light');
  await dialog.getByRole('button', { name: 'Close', exact: true }).click();
  expect(program.runs()).toHaveLength(1);
}, 120_000);

it('the add form\'s "When these are done: notify me" makes a group of exactly those and notifies once both have finished', async () => {
  await page.getByRole('button', { name: 'Add download' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add download' });
  await dialog.getByLabel('URL', { exact: true }).fill([bed.server.url('/files/second.bin'), bed.server.url('/files/third.bin')].join('\n'));
  await dialog.getByLabel('Folder').fill(bed.downloads);
  const choice = dialog.getByRole('combobox', { name: 'When these are done' });
  // Opening a folder is the desktop app's; the named actions are offered.
  await expect.poll(() => choice.locator('option').allTextContents()).toEqual(['nothing', 'notify me', 'the action unpack: Unpack archives', 'the action tidy']);
  await choice.selectOption('notify');
  await picture('add-form-when-done', 1280, 'dark');
  await picture('add-form-when-done', 800, 'light');
  await page.setViewportSize({ width: 1280, height: 800 });
  await dialog.getByRole('button', { name: 'Add' }).click();
  const notice = page.getByRole('alert').filter({ hasText: /^Group on-complete-.* finished: 2 Completed/ });
  await notice.waitFor(SLOW);
  const groups = JSON.parse(`[${(await ferry(['group', 'ls', '--json', '--home', bed.home])).stdout.trim().split('\n').join(',')}]`) as GroupInfo[];
  const made = groups.filter((g) => g.name.startsWith('on-complete-'));
  expect(made).toHaveLength(1);
  expect(made[0]).toMatchObject({ closed: true, onComplete: { run: null, moveTo: null, notify: true } });
  expect(made[0]!.members.map((m) => [path.basename(m.path!), m.state])).toEqual([
    ['second.bin', 'completed'],
    ['third.bin', 'completed'],
  ]);
  expect(made[0]!.history.map((f) => f.outcomes.map((o) => [o.action, o.ok]))).toEqual([[['notify', true]]]);
  expect(sha256File(path.join(bed.downloads, 'second.bin'))).toBe(sha256(files.second.body));
  expect(sha256File(path.join(bed.downloads, 'third.bin'))).toBe(sha256(files.third.body));
  await picture('group-notice', 1280, 'light');
}, 60_000);

it("the browser's API refuses a program to run, and lists the named actions by name and description only", async () => {
  expect(await pageRpc('createGroup', [{ name: 'evil', onComplete: { run: ['/bin/sh', '-c', 'touch pwned'] } }])).toEqual({
    error: { status: 'InvalidArgument', message: 'createGroup: 0.onComplete.run: a program to run after a group is set only with the ferry command, the desktop app or the settings file, never from a browser page', httpStatus: null },
  });
  const listed = await pageRpc('listNamedActions', []);
  expect(listed).toEqual({ result: { actions: [{ name: 'unpack', description: 'Unpack archives' }, { name: 'tidy', description: null }], problem: null } });
  expect(JSON.stringify(listed)).not.toMatch(/hunter2|group-program/);
  expect((await ferry(['group', 'ls', '--home', bed.home])).stdout).not.toContain('evil');
});
