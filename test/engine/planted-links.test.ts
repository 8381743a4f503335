// Links planted where Ferry writes or serves (a shared folder, another user): Ferry never writes
// through a link it did not create, never leaves one as "the downloaded file", and recognises its
// part file by the device and inode its record holds, not by its name.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { randomFile, sha256 } from '../helpers/fault-server.ts';
import { sha256File, tempDir, useEngineTestBed, waitFinal, waitFor } from '../helpers/engine.ts';

const bed = useEngineTestBed();

function victim(content = 'precious\n'): string {
  const file = path.join(tempDir('ferry-victim-'), 'bashrc');
  fs.writeFileSync(file, content);
  return file;
}

describe('a link planted at the part file', () => {
  it('is not written through: the download fails with FileAccessDenied and the target is untouched', async () => {
    const target = victim();
    const dest = path.join(bed.dir, 'report.pdf');
    fs.symlinkSync(target, `${dest}.part`);
    bed.server.serve('/report.pdf', randomFile(100_000));
    const t = await bed.service.createDownload({ url: bed.server.url('/report.pdf'), path: dest });
    const final = await waitFinal(bed.service, t.id);
    expect(final.state).toBe('failed');
    expect(final.error).toMatchObject({ status: 'FileAccessDenied' });
    expect(final.error?.message).toMatch(/report\.pdf\.part is a symbolic link/);
    expect(fs.readFileSync(target, 'utf8')).toBe('precious\n');
    expect(fs.existsSync(dest)).toBe(false);
    expect(fs.lstatSync(`${dest}.part`).isSymbolicLink()).toBe(true);
  });

  it('does not create a file where a dangling link points', async () => {
    const nowhere = path.join(tempDir('ferry-nowhere-'), 'created-by-link');
    const dest = path.join(bed.dir, 'data.bin');
    fs.symlinkSync(nowhere, `${dest}.part`);
    bed.server.serve('/data.bin', randomFile(10_000));
    const t = await bed.service.createDownload({ url: bed.server.url('/data.bin'), path: dest });
    expect((await waitFinal(bed.service, t.id)).error?.status).toBe('FileAccessDenied');
    expect(fs.existsSync(nowhere)).toBe(false);
  });

  it('is stepped around when Ferry picks the name itself (existence is checked without following links)', async () => {
    fs.symlinkSync(path.join(bed.dir, 'no-such-target'), path.join(bed.dir, 'photo.jpg.part'));
    const file = randomFile(20_000);
    bed.server.serve('/photo.jpg', file);
    const t = await bed.service.createDownload({ url: bed.server.url('/photo.jpg'), dir: bed.dir });
    const final = await waitFinal(bed.service, t.id);
    expect(final.state).toBe('completed');
    expect(final.path).toBe(path.join(bed.dir, 'photo (1).jpg'));
    expect(sha256File(final.path!)).toBe(sha256(file.body));
  });
});

describe('a part file swapped while paused', () => {
  async function pausedMidway(name: string) {
    bed.server.serve(`/${name}`, randomFile(400_000, { rate: 200_000 }));
    const dest = path.join(bed.dir, name);
    const t = await bed.service.createDownload({ url: bed.server.url(`/${name}`), path: dest });
    await waitFor(bed.service, t.id, (s) => s.bytesTransferred > 50_000);
    await bed.service.pause(t.id);
    return { t, dest };
  }

  it('for a link to another file: resume fails with FileAccessDenied and writes nothing there', async () => {
    const { t, dest } = await pausedMidway('swap.bin');
    const target = victim('x'.repeat(fs.statSync(`${dest}.part`).size));
    fs.rmSync(`${dest}.part`);
    fs.symlinkSync(target, `${dest}.part`);
    await bed.service.resume(t.id);
    const final = await waitFinal(bed.service, t.id);
    expect(final.error?.status).toBe('FileAccessDenied');
    expect(fs.readFileSync(target, 'utf8')).toMatch(/^x+$/);
  });

  it('for another plain file of the same size: recognised by its inode, not its name', async () => {
    const { t, dest } = await pausedMidway('swap2.bin');
    const size = fs.statSync(`${dest}.part`).size;
    fs.rmSync(`${dest}.part`);
    fs.writeFileSync(`${dest}.part`, Buffer.alloc(size, 7));
    await bed.service.resume(t.id);
    const final = await waitFinal(bed.service, t.id);
    expect(final.error?.status).toBe('FileAccessDenied');
    expect(final.error?.message).toMatch(/was replaced/);
    expect(fs.existsSync(dest)).toBe(false);
    // Restart leaves the file Ferry did not write alone and refuses to write over it.
    expect(fs.readFileSync(`${dest}.part`)).toEqual(Buffer.alloc(size, 7));
  });
});

describe('a finished file', () => {
  it('is not served once it was swapped for a link', async () => {
    const file = randomFile(5000);
    bed.server.serve('/done.txt', file);
    const t = await bed.service.createDownload({ url: bed.server.url('/done.txt'), dir: bed.dir });
    const final = await waitFinal(bed.service, t.id);
    const handle = await bed.service.openCompletedFile(t.id);
    expect(handle).not.toBeNull();
    expect(sha256((await handle!.readFile()) as Buffer)).toBe(sha256(file.body));
    await handle!.close();
    const secret = victim('root:$6$hash:::\n');
    fs.rmSync(final.path!);
    fs.symlinkSync(secret, final.path!);
    expect(await bed.service.openCompletedFile(t.id)).toBeNull();
    fs.rmSync(final.path!);
    fs.writeFileSync(final.path!, file.body);
    // Same bytes, another file: not the one Ferry wrote.
    expect(await bed.service.openCompletedFile(t.id)).toBeNull();
  });
});
