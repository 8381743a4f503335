// The Firefox build of the extension passes Mozilla's own linter (web-ext lint, which runs
// addons-linter, as addons.mozilla.org does) with no errors. Built into a folder of the test's own,
// so dist/ (which the browser e2e loads) is not touched while other tests run.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { tempDir } from '../helpers/engine.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
// web-ext's package exports no path to its CLI: the dev dependency's own bin.
const WEB_EXT = path.join(ROOT, 'node_modules', 'web-ext', 'bin', 'web-ext.js');
const run = promisify(execFile);

interface Finding {
  code: string;
  message: string;
  file?: string;
}
interface LintReport {
  errors: Finding[];
  warnings: Finding[];
  notices: Finding[];
}

async function lint(dir: string): Promise<LintReport> {
  // web-ext exits non-zero when it finds errors; its JSON report is on stdout either way.
  const out = await run(process.execPath, [WEB_EXT, 'lint', '--source-dir', dir, '--output', 'json', '--no-config-discovery'], { env: { ...process.env, NO_UPDATE_NOTIFIER: '1' }, maxBuffer: 16 * 1024 * 1024 }).catch((error: { stdout?: string }) => ({ stdout: error.stdout ?? '' }));
  return JSON.parse(out.stdout) as LintReport;
}

const built = tempDir('ferry-ext-lint-');
const firefox = path.join(built, 'firefox');
beforeAll(async () => {
  await run(process.execPath, [path.join(ROOT, 'scripts', 'build-extension.ts'), '--out', built]);
}, 120_000);
afterAll(() => fs.rmSync(built, { recursive: true, force: true }));

it('web-ext lint finds no errors in the Firefox build', async () => {
  const report = await lint(firefox);
  expect(report.errors).toEqual([]);
  // The one warning is Chromium's hold on a download: background.ts looks for it at run time and
  // pauses the download at onCreated in Firefox instead.
  expect(report.warnings.map((w) => [w.code, w.message])).toEqual([['UNSUPPORTED_API', 'downloads.onDeterminingFilename is not supported']]);
  expect(report.notices).toEqual([]);
}, 120_000);

it('and the check can fail: a manifest without its gecko id is an error', async () => {
  const broken = path.join(built, 'broken');
  fs.cpSync(firefox, broken, { recursive: true });
  const manifest = JSON.parse(fs.readFileSync(path.join(broken, 'manifest.json'), 'utf8')) as Record<string, unknown>;
  delete manifest['browser_specific_settings'];
  fs.writeFileSync(path.join(broken, 'manifest.json'), JSON.stringify(manifest));
  const report = await lint(broken);
  expect(report.errors.length).toBeGreaterThan(0);
}, 120_000);
