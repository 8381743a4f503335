// The name a real server's answer gives a download, end to end: two Content-Disposition fields are
// ignored, raw UTF-8 is read as UTF-8, direction controls are removed.
import fs from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { randomFile } from '../helpers/fault-server.ts';
import { useEngineTestBed, waitFinal } from '../helpers/engine.ts';

const bed = useEngineTestBed();
const latin1 = (utf8: string) => Buffer.from(utf8, 'utf8').toString('latin1');

async function savedName(urlPath: string, headers: Record<string, string | string[]>): Promise<string> {
  bed.server.serve(urlPath, { ...randomFile(100), headers });
  const t = await bed.service.createDownload({ url: bed.server.url(urlPath), dir: bed.dir });
  const final = await waitFinal(bed.service, t.id);
  expect(final.state).toBe('completed');
  expect(fs.existsSync(final.path!)).toBe(true);
  return path.basename(final.path!);
}

it('ignores a Content-Disposition sent in two fields and names the file from the URL', async () => {
  expect(await savedName('/two/from-url.bin', { 'content-disposition': ['attachment; filename="foo.html"', 'attachment; filename="bar.html"'] })).toBe('from-url.bin');
});

it('reads raw UTF-8 in filename="..." as UTF-8', async () => {
  expect(await savedName('/utf8/x.bin', { 'content-disposition': `attachment; filename="${latin1('Übersicht-€.pdf')}"` })).toBe('Übersicht-€.pdf');
});

it('removes direction controls that would disguise the extension', async () => {
  expect(await savedName('/bidi/x.bin', { 'content-disposition': "attachment; filename*=UTF-8''invoice%E2%80%AEfdp.exe" })).toBe('invoicefdp.exe');
});

it('ignores a malformed header (inline; attachment; ...) and names the file from the URL', async () => {
  expect(await savedName('/bad/report.txt', { 'content-disposition': 'inline; attachment; filename=evil.exe' })).toBe('report.txt');
});
