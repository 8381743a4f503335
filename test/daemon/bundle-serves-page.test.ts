// The daemon run from the CLI's bundle (`npm run build`: dist/cli, its modules in dist/cli/chunks)
// serves the built page (dist/renderer) as the sources do: the bundle's chunks sit a folder deeper
// than the sources, and the page's folder was once looked for beside them (a 503 for the browser UI).
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, expect, it } from 'vitest';
import { startDaemon, type RunningDaemon } from '../helpers/cli.ts';
import { tempDir } from '../helpers/engine.ts';

const root = path.resolve(import.meta.dirname, '../..');
let daemon: RunningDaemon | null = null;
afterEach(async () => {
  await daemon?.stop();
  daemon = null;
});

it('serves the page from the bundle', async () => {
  const page = fs.readFileSync(path.join(root, 'dist/renderer/index.html'), 'utf8');
  // An entry point of its own that runs the bundle, whatever the sources' age (bin/ferry.js would
  // run the sources after an edit).
  const home = tempDir('ferry-bundle-page-');
  const bin = path.join(home, 'bundle-entry.mjs');
  fs.writeFileSync(bin, `const { main } = await import(${JSON.stringify(pathToFileURL(path.join(root, 'dist/cli/cli.js')).href)});\nprocess.exitCode = await main(process.argv);\n`);
  daemon = await startDaemon(home, {}, [], bin);
  const response = await fetch(new URL('/', daemon.url));
  expect(response.status).toBe(200);
  expect(await response.text()).toBe(page);
});
