// "Open while downloading" in the desktop window, main's part: the window's IPC call (as the
// preload makes it), the app's own local API making the stream link, shell.openExternal injected
// (recorded). The link opened serves the bytes on disk so far while the download still runs.
import { describe, expect, it } from 'vitest';
import { sha256 } from '../helpers/fault-server.ts';
import { HELD_AFTER, useDesktopWindow } from '../helpers/desktop-window.ts';

const PREFIX = 512 * 1024;
const bed = useDesktopWindow();

/** The first `count` bytes a URL answers, then the reader lets go (the rest is not on disk yet). */
async function firstBytes(url: string, count: number): Promise<Buffer> {
  const response = await fetch(url);
  expect(response.status).toBe(200);
  const reader = response.body!.getReader();
  const chunks: Buffer[] = [];
  let have = 0;
  while (have < count) {
    const { value, done } = await reader.read();
    if (done) break;
    chunks.push(Buffer.from(value));
    have += value.length;
  }
  await reader.cancel();
  return Buffer.concat(chunks).subarray(0, count);
}

describe("the desktop window's Open while downloading (main)", () => {
  it("opens the app's own stream link in the system's browser; it serves the bytes on disk so far while the download runs", async () => {
    const { id, body } = await bed.heldDownload('clip.mp4');
    const bridge = bed.bridge();
    expect((await bridge.getHostInfo()).streams).toBe('app');
    bed.opened.length = 0;
    await bridge.openWhileDownloading(id);
    expect(bed.opened).toHaveLength(1);
    const url = new URL(bed.opened[0]!);
    expect(`${url.protocol}//${url.host}`).toBe(`http://127.0.0.1:${bed.local.server.port}`);
    expect(url.pathname).toBe(`/stream/${id}`);
    expect(url.searchParams.get('ticket')).toMatch(/^.{16,}$/);
    expect(PREFIX).toBeLessThan(HELD_AFTER);
    expect(sha256(await firstBytes(bed.opened[0]!, PREFIX))).toBe(sha256(body.subarray(0, PREFIX)));
    // Read while it runs: the rest is still held back by the server.
    const now = await bed.service.getTransfer(id);
    expect(now.state).toBe('running');
    expect(now.bytesTransferred).toBeLessThan(body.length);
    // The window takes no link itself (it opens no other page); a bad id is refused before main opens anything.
    await expect(bridge.streamLink(id)).rejects.toMatchObject({ info: { status: 'InvalidArgument' } });
    await expect(bridge.openWhileDownloading('')).rejects.toMatchObject({ info: { status: 'InvalidArgument' } });
    await expect(bridge.openWhileDownloading('no-such-id')).rejects.toThrow(/no transfer with id no-such-id/);
    expect(bed.opened).toHaveLength(1);
  });

  it('says in words why not when the local API did not start, and opens nothing', async () => {
    const { id } = await bed.heldDownload('talk.mp3');
    const bridge = bed.bridge();
    bed.opened.length = 0;
    bed.localState = () => ({ notServing: 'listen EADDRINUSE: address already in use 127.0.0.1:7431' });
    try {
      await expect(bridge.openWhileDownloading(id)).rejects.toMatchObject({
        info: { status: 'ServiceUnavailable', message: 'Ferry cannot open a download while it arrives: its local API is not running (listen EADDRINUSE: address already in use 127.0.0.1:7431). Restart Ferry to try again.' },
      });
      expect(bed.opened).toEqual([]);
    } finally {
      bed.localState = () => ({ serving: bed.local });
    }
  });
});
