// Content-Disposition as RFC 6266 reads it, case by case from the tc2231 suite (greenbytes.de/tech/tc2231),
// by the suite's names. null: no name from the header (Ferry then names the file from its URL).
// Headers arrive as Node gives them: each byte one latin1 character.
import { describe, expect, it } from 'vitest';
import { filenameFromContentDisposition as cd } from '../../electron/engine/protocols/http/content-disposition.ts';
import { nameFromContentDisposition, safeFileName } from '../../electron/engine/intake/file-name.ts';

const latin1 = (utf8: string) => Buffer.from(utf8, 'utf8').toString('latin1');

const CASES: Array<[string, string, string | null]> = [
  ['inlonly', 'inline', null],
  ['inlwithasciifilename', 'inline; filename="foo.html"', 'foo.html'],
  ['attonly', 'attachment', null],
  ['attonlyquoted', '"attachment"', null],
  ['attonlyucase', 'ATTACHMENT', null],
  ['attwithasciifilename', 'attachment; filename="foo.html"', 'foo.html'],
  ['attwithasciifilename25', 'attachment; filename="0000000000111111111122222"', '0000000000111111111122222'],
  ['attwithasciifnescapedchar', 'attachment; filename="f\\oo.html"', 'foo.html'],
  ['attwithasciifnescapedquote', 'attachment; filename="\\"quoting\\" tested.html"', '"quoting" tested.html'],
  ['attwithquotedsemicolon', 'attachment; filename="Here\'s a semicolon;.html"', "Here's a semicolon;.html"],
  ['attwithfilenameandextparam', 'attachment; foo="bar"; filename="foo.html"', 'foo.html'],
  ['attwithfilenameandextparamescaped', 'attachment; foo="\\"\\\\";filename="foo.html"', 'foo.html'],
  ['attwithasciifilenameucase', 'attachment; FILENAME="foo.html"', 'foo.html'],
  ['attwithasciifilenamenq', 'attachment; filename=foo.html', 'foo.html'],
  ['attwithtokfncommanq', 'attachment; filename=foo,bar.html', null],
  ['attwithasciifilenamenqs', 'attachment; filename=foo.html ;', null],
  ['attemptyparam', 'attachment; ;filename=foo', null],
  ['attwithasciifilenamenqws', 'attachment; filename=foo bar.html', null],
  ['attwithfntokensq', "attachment; filename='foo.bar'", "'foo.bar'"],
  ['attwithisofnplain', 'attachment; filename="foo-\u00e4.html"', 'foo-ä.html'],
  ['attwithutf8fnplain (raw UTF-8, decoded as browsers do)', `attachment; filename="${latin1('foo-ä.html')}"`, 'foo-ä.html'],
  ['attwithfnrawpctenca', 'attachment; filename="foo-%41.html"', 'foo-%41.html'],
  ['attwithfnusingpct', 'attachment; filename="50%.html"', '50%.html'],
  ['attwithfnrawpctencaq', 'attachment; filename="foo-%\\41.html"', 'foo-%41.html'],
  ['attwithnamepct', 'attachment; name="foo-%41.html"', null],
  ['attwithfilenamepctandiso', 'attachment; filename="\u00e4-%41.html"', 'ä-%41.html'],
  ['attwithfnrawpctenclong', 'attachment; filename="foo-%c3%a4-%e2%82%ac.html"', 'foo-%c3%a4-%e2%82%ac.html'],
  ['attwithasciifilenamews1', 'attachment; filename ="foo.html"', 'foo.html'],
  ['attwith2filenames', 'attachment; filename="foo.html"; filename="bar.html"', null],
  ['attfnbrokentoken', 'attachment; filename=foo[1](2).html', null],
  ['attfnbrokentokeniso', 'attachment; filename=foo-\u00e4.html', null],
  ['attmissingdisposition', 'filename=foo.html', null],
  ['attmissingdisposition2', 'x=y; filename=foo.html', null],
  ['attmissingdisposition3', '"foo; filename=bar;baz"; filename=qux', null],
  ['attmissingdisposition4', 'filename=foo.html, filename=bar.html', null],
  ['emptydisposition', '; filename=foo.html', null],
  ['doublecolon', ': inline; attachment; filename=foo.html', null],
  ['attandinline', 'inline; attachment; filename=foo.html', null],
  ['attandinline2', 'attachment; inline; filename=foo.html', null],
  ['attbrokenquotedfn', 'attachment; filename="foo.html".txt', null],
  ['attbrokenquotedfn2', 'attachment; filename="bar', null],
  ['attbrokenquotedfn3', 'attachment; filename=foo"bar;baz"qux', null],
  ['attmultinstances (two fields, as Node joins them)', 'attachment; filename=foo.html, attachment; filename=bar.html', null],
  ['attmissingdelim', 'attachment; foo=foo filename=bar', null],
  ['attmissingdelim2', 'attachment; filename=bar foo=foo', null],
  ['attmissingdelim3', 'attachment filename=bar', null],
  ['attreversed', 'filename=foo.html; attachment', null],
  ['attconfusedparam', 'attachment; xfilename=foo.html', null],
  ['attabspath', 'attachment; filename="/foo.html"', '/foo.html'],
  ['attcdate', 'attachment; creation-date="Wed, 12 Feb 1997 16:29:51 -0500"', null],
  ['dispext', 'foobar', null],
  ['dispextbadfn', 'attachment; example="filename=example.txt"', null],
  ['attwithisofn2231iso', "attachment; filename*=iso-8859-1''foo-%E4.html", 'foo-ä.html'],
  ['attwithfn2231utf8', "attachment; filename*=UTF-8''foo-%c3%a4-%e2%82%ac.html", 'foo-ä-€.html'],
  ['attwithfn2231noc', "attachment; filename*=''foo-%c3%a4-%e2%82%ac.html", null],
  ['attwithfn2231utf8comp', "attachment; filename*=UTF-8''foo-a%cc%88.html", 'foo-a\u0308.html'],
  ['attwithfn2231utf8-bad (invalid UTF-8: ignored)', "attachment; filename*=UTF-8''foo-%c3%a4-%e2%82.html", null],
  ['attwithfn2231iso-bad (read as windows-1252, as browsers do)', "attachment; filename*=iso-8859-1''foo-%c3%a4-%e2%82%ac.html", 'foo-Ã¤-â‚¬.html'],
  ['attwithfn2231ws1', "attachment; filename *=UTF-8''foo-%c3%a4.html", null],
  ['attwithfn2231ws2', "attachment; filename*= UTF-8''foo-%c3%a4.html", 'foo-ä.html'],
  ['attwithfn2231ws3', "attachment; filename* =UTF-8''foo-%c3%a4.html", 'foo-ä.html'],
  ['attwithfn2231quot', "attachment; filename*=\"UTF-8''foo-%c3%a4.html\"", null],
  ['attwithfn2231quot2', 'attachment; filename*="foo%20bar.html"', null],
  ['attwithfn2231singleqmissing', "attachment; filename*=UTF-8'foo-%c3%a4.html", null],
  ['attwithfn2231nbadpct1', "attachment; filename*=UTF-8''foo%", null],
  ['attwithfn2231nbadpct2', "attachment; filename*=UTF-8''f%oo.html", null],
  ['attwithfn2231dpct', "attachment; filename*=UTF-8''A-%2541.html", 'A-%41.html'],
  ['attwithfn2231abspathdisguised', "attachment; filename*=UTF-8''%5cfoo.html", '\\foo.html'],
  ['attfncont', 'attachment; filename*0="foo."; filename*1="html"', 'foo.html'],
  ['attfncontqs', 'attachment; filename*0="foo"; filename*1="\\b\\a\\r.html"', 'foobar.html'],
  ['attfncontenc', "attachment; filename*0*=UTF-8''foo-%c3%a4; filename*1=\".html\"", 'foo-ä.html'],
  ['attfncontlz', 'attachment; filename*0="foo"; filename*01="bar"', 'foo'],
  ['attfncontnc', 'attachment; filename*0="foo"; filename*2="bar"', 'foo'],
  ['attfnconts1', 'attachment; filename*1="foo."; filename*2="html"', null],
  ['attfncontord', 'attachment; filename*1="bar"; filename*0="foo"', 'foobar'],
  ['attfnboth', "attachment; filename=\"foo-ae.html\"; filename*=UTF-8''foo-%c3%a4.html", 'foo-ä.html'],
  ['attfnboth2', "attachment; filename*=UTF-8''foo-%c3%a4.html; filename=\"foo-ae.html\"", 'foo-ä.html'],
  ['attfnboth3', "attachment; filename*0*=ISO-8859-15''euro-sign%3d%a4; filename*=ISO-8859-1''currency-sign%3d%a4", 'currency-sign=¤'],
  ['attnewandfn', 'attachment; foobar=x; filename="foo.html"', 'foo.html'],
  ['attrfc2047token', 'attachment; filename==?ISO-8859-1?Q?foo-=E4.html?=', null],
  ['attrfc2047quoted', 'attachment; filename="=?ISO-8859-1?Q?foo-=E4.html?="', '=?ISO-8859-1?Q?foo-=E4.html?='],
  ['a filename* in an unknown charset is ignored; filename is used', "attachment; filename=\"plain.txt\"; filename*=x-no-such-charset''fancy.txt", 'plain.txt'],
];

describe('Content-Disposition (tc2231)', () => {
  for (const [name, header, expected] of CASES) {
    it(`${name}: ${JSON.stringify(header)}`, () => expect(cd(header)).toBe(expected));
  }

  it('ignores a Content-Disposition sent in two fields', () => {
    expect(cd('attachment; filename="foo.html"', 2)).toBeNull();
  });
});

describe('the name saved on disk', () => {
  it('takes only the last path segment of what the header says', () => {
    expect(nameFromContentDisposition('attachment; filename="/foo.html"')).toBe('foo.html');
    expect(nameFromContentDisposition('attachment; filename="\\\\foo.html"')).toBe('foo.html');
    expect(nameFromContentDisposition("attachment; filename*=UTF-8''%5cfoo.html")).toBe('foo.html');
  });

  it('removes bidirectional controls, as Chromium does', () => {
    expect(safeFileName('invoice\u202Efdp.exe')).toBe('invoicefdp.exe');
    expect(safeFileName('\u2067photo\u2069\u200F.jpg')).toBe('photo.jpg');
    expect(nameFromContentDisposition("attachment; filename*=UTF-8''report%E2%80%AEtxt.exe")).toBe('reporttxt.exe');
  });

  it('keeps a compound extension when it shortens a long name', () => {
    const long = safeFileName(`${'é'.repeat(150)}.tar.gz`)!;
    expect(Buffer.byteLength(long)).toBeLessThanOrEqual(200);
    expect(long.endsWith('é.tar.gz')).toBe(true);
  });
});
