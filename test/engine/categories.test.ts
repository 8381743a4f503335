// Categories by file type: each transfer's snapshot says its category, and a download given no
// folder goes to its category's folder when Settings names one; one given a folder stays there.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { randomFile, sha256 } from '../helpers/fault-server.ts';
import { sha256File, useEngineTestBed, waitFinal } from '../helpers/engine.ts';
import { categoryOf, DEFAULT_CATEGORIES } from '../../shared/categories.ts';

const bed = useEngineTestBed();

describe('categories', () => {
  it('knows a file by its longest matching extension, whatever its case', () => {
    expect(categoryOf('Movie.MKV', DEFAULT_CATEGORIES)).toBe('video');
    expect(categoryOf('linux-6.12.tar.xz', DEFAULT_CATEGORIES)).toBe('compressed');
    expect(categoryOf('setup.exe', DEFAULT_CATEGORIES)).toBe('programs');
    expect(categoryOf('notes', DEFAULT_CATEGORIES)).toBe('other');
    expect(categoryOf('.mp3', DEFAULT_CATEGORIES)).toBe('other');
    expect(categoryOf('x.mp3', { ...DEFAULT_CATEGORIES, audio: { extensions: [], folder: null } })).toBe('other');
  });

  it("sends a download given no folder to its category's folder, and leaves one given a folder where it was asked", async () => {
    const videos = path.join(bed.dir, 'Videos', 'new');
    await bed.service.setSettings({ categories: { ...DEFAULT_CATEGORIES, video: { ...DEFAULT_CATEGORIES.video, folder: videos } } });
    const film = randomFile(100_000);
    bed.server.serve('/media/film.mp4', film);
    const t = await bed.service.createDownload({ url: bed.server.url('/media/film.mp4') });
    const done = await waitFinal(bed.service, t.id);
    expect(done).toMatchObject({ state: 'completed', category: 'video', path: path.join(videos, 'film.mp4') });
    expect(sha256File(path.join(videos, 'film.mp4'))).toBe(sha256(film.body));

    const other = path.join(bed.dir, 'chosen');
    fs.mkdirSync(other);
    const asked = await bed.service.createDownload({ url: bed.server.url('/media/film.mp4'), dir: other });
    expect(await waitFinal(bed.service, asked.id)).toMatchObject({ state: 'completed', path: path.join(other, 'film.mp4') });
    // A file of a category without a folder goes to the download folder.
    bed.server.serve('/docs/paper.pdf', randomFile(1000));
    const paper = await bed.service.createDownload({ url: bed.server.url('/docs/paper.pdf') });
    expect(await waitFinal(bed.service, paper.id)).toMatchObject({ category: 'documents', path: path.join(bed.dir, 'paper.pdf') });
  });

  it('fails in words when the category folder cannot be made', async () => {
    fs.writeFileSync(path.join(bed.dir, 'blocker'), 'x');
    await bed.service.setSettings({ categories: { ...DEFAULT_CATEGORIES, audio: { ...DEFAULT_CATEGORIES.audio, folder: path.join(bed.dir, 'blocker', 'music') } } });
    bed.server.serve('/song.flac', randomFile(1000));
    const t = await bed.service.createDownload({ url: bed.server.url('/song.flac') });
    const done = await waitFinal(bed.service, t.id);
    expect(done.state).toBe('failed');
    expect(done.error).toMatchObject({ status: 'FileAccessDenied' });
    expect(done.error!.message).toMatch(/blocker\/music does not exist and cannot be created \(a file is in the way\)/);
  });

  it('refuses a bad extension in Settings', async () => {
    await expect(bed.service.setSettings({ categories: { ...DEFAULT_CATEGORIES, video: { extensions: ['.mp4'], folder: null } } })).rejects.toMatchObject({ status: 'InvalidArgument' });
  });
});
