// kill -9 in the middle of an FTP download: the next daemon on the same home continues it with
// REST from the durable bytes (not from 0, not past what is on disk), and the file is whole.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { sha256File, tempDir, writeRandomFile } from '../helpers/engine.ts';
import { FtpTestServer } from '../helpers/ftp-server.ts';
import { ferry, startDaemon } from '../helpers/cli.ts';
import { savedDurable, savedRecord } from '../helpers/saved-ranges.ts';

let work: string;
let server: FtpTestServer;

beforeAll(async () => {
  work = tempDir('ferry-ftp-crash-');
  fs.mkdirSync(path.join(work, 'root'));
  server = await new FtpTestServer(path.join(work, 'root'), { rate: 1_000_000 }).start();
});

afterAll(async () => {
  await server.close();
  fs.rmSync(work, { recursive: true, force: true });
});

it('a daemon killed with SIGKILL mid-FTP-download is picked up by the next one, with REST from the saved bytes', async () => {
  const home = path.join(work, 'home');
  const source = writeRandomFile(path.join(work, 'root'), 'big.bin', 6_000_000);
  const first = await startDaemon(home);
  const id = (await ferry(['add', server.url('/big.bin'), '-d', work, '--connections', '1', '--home', home])).stdout.trim();
  // Killed once a checkpoint is in the state file (not once bytes arrived: on a loaded machine the
  // first save can trail the bytes by seconds, and the next daemon would rightly start from 0).
  let savedAtKill: number;
  for (;;) {
    const saved = savedRecord(home, id);
    expect(saved?.state).not.toBe('completed');
    savedAtKill = savedDurable(saved);
    if (savedAtKill >= 1_000_000) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  first.child.kill('SIGKILL');
  await new Promise((resolve) => first.child.once('exit', resolve));
  const partAtKill = fs.statSync(path.join(work, 'big.bin.part')).size;
  // The state may have saved once more between the last look and the kill.
  savedAtKill = savedDurable(savedRecord(home, id));

  const second = await startDaemon(home);
  try {
    const waited = await ferry(['wait', id, '--home', home], {}, 60_000);
    expect(waited.code).toBe(0);
  } finally {
    await second.stop();
  }
  expect(sha256File(path.join(work, 'big.bin'))).toBe(sha256File(source));
  expect(fs.existsSync(path.join(work, 'big.bin.part'))).toBe(false);
  const reads = server.readsOf('big.bin');
  expect(reads).toHaveLength(2);
  expect(reads[0]).toBe(0);
  // From a checkpoint saved while it ran: well into the file, never past what was on disk.
  expect(reads[1]).toBeGreaterThanOrEqual(savedAtKill);
  expect(reads[1]).toBeLessThanOrEqual(partAtKill);
  console.log(`ftp crash test: killed at ${partAtKill} bytes on disk (${savedAtKill} saved), resumed with REST ${reads[1]}`);
});
