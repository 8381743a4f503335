// kill -9 in the middle of a segmented download whose parts come from its address and two mirrors:
// every range the state calls saved holds the source's bytes, and the next daemon finishes it from
// all three, by sha256; `ferry ls --json` says what each address served.
import fs from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { FaultServer, randomFile, sha256 } from '../helpers/fault-server.ts';
import { sha256File, useSharedServer } from '../helpers/engine.ts';
import { ferry, startDaemon } from '../helpers/cli.ts';
import { savedDurable, savedRangesHold, savedRecord } from '../helpers/saved-ranges.ts';
import type { SegmentsInfo } from '../../shared/model.ts';

const shared = useSharedServer();

it('a daemon killed with SIGKILL mid-download with two mirrors: the saved ranges hold the right bytes, and the next one finishes it from all three', async () => {
  const home = path.join(shared.work, 'home-mirrors');
  const work = path.join(shared.work, 'mirrors');
  fs.mkdirSync(work, { recursive: true });
  // 250 kB/s a connection: some 11 s over six, long enough to be caught in the middle on a busy CI
  // machine too (at 1 MB/s there it once finished before the kill).
  const RATE = 250_000;
  const SIZE = 16_000_000;
  const file = randomFile(SIZE, { rate: RATE });
  const mirrors = [await new FaultServer().start(), await new FaultServer().start()];
  try {
    shared.server.serve('/crash.bin', file);
    for (const mirror of mirrors) mirror.serve('/crash.bin', file);
    const sent = () => shared.server.bytesSent + mirrors[0]!.bytesSent + mirrors[1]!.bytesSent;
    const sentBefore = shared.server.bytesSent;

    const first = await startDaemon(home);
    // Two connections per address.
    const args = ['add', shared.server.url('/crash.bin'), '--mirror', mirrors[0]!.url('/crash.bin'), '--mirror', mirrors[1]!.url('/crash.bin'), '-d', work, '--connections', '2', '--home', home];
    const id = (await ferry(args)).stdout.trim();
    for (;;) {
      const saved = savedRecord(home, id);
      expect(saved?.state).not.toBe('completed');
      const durable = savedDurable(saved);
      if (mirrors.every((m) => m.bytesSent > 0) && durable > 3_000_000) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    first.child.kill('SIGKILL');
    await new Promise((resolve) => first.child.once('exit', resolve));
    // What the state says is saved after the kill is exactly the source's bytes.
    const { ranges, durable: durableAtKill } = savedRangesHold(home, id, path.join(work, 'crash.bin.part'), file.body);
    const mirrorBytesBefore = mirrors.map((m) => m.bytesSent);

    const second = await startDaemon(home);
    try {
      const waited = await ferry(['wait', id, '--home', home], {}, 60_000);
      expect(waited.code).toBe(0);
      const listed = JSON.parse((await ferry(['ls', '--json', '--home', home])).stdout.trim()) as { segments: SegmentsInfo };
      // The second run's addresses: its own first, then the mirrors, each with what it sent.
      expect(listed.segments.sources.map((s) => s.address)).toEqual([shared.server.url('/crash.bin'), ...mirrors.map((m) => m.url('/crash.bin'))]);
      expect(listed.segments.sources.every((s) => s.unused === null && s.connections === 0)).toBe(true);
    } finally {
      await second.stop();
    }
    expect(sha256File(path.join(work, 'crash.bin'))).toBe(sha256(file.body));
    expect(fs.existsSync(path.join(work, 'crash.bin.part'))).toBe(false);
    // The mirrors served parts after the restart too.
    expect(mirrors.some((m, i) => m.bytesSent > mirrorBytesBefore[i]!)).toBe(true);
    // The saved ranges were not fetched again: at most what was not durable, plus what sockets held when parts were cut short.
    const total = sent() - sentBefore;
    console.log(`mirror crash test: ${ranges.length} ranges, ${durableAtKill} bytes durable at the kill, ${total - SIZE} bytes fetched twice over three servers`);
    expect(total).toBeLessThanOrEqual(SIZE + (SIZE - durableAtKill) + 6 * 256 * 1024);
  } finally {
    for (const mirror of mirrors) await mirror.close();
  }
}, 120_000);
