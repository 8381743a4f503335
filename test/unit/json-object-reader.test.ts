// The state file is read a chunk at a time, member by member: what it makes must be what
// JSON.parse makes of the whole text, wherever the chunks cut it, and a file it does not expect
// must be left to JSON.parse (same result, same error).
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readJsonFile, readObjectMembers } from '../../electron/engine/state/json-object-reader.ts';
import { tempDir } from '../helpers/engine.ts';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

function fileWith(text: string | Buffer): string {
  const dir = tempDir();
  dirs.push(dir);
  const file = path.join(dir, 'state.json');
  fs.writeFileSync(file, text);
  return file;
}

const record = (i: number) => ({
  id: `id-${i}`,
  url: `http://example.com/f${i}?q="x\\y"&u=\u00e9\u4e2d\ud83d\ude00`,
  history: [{ at: '2026-01-01T00:00:00.000Z', reason: 'a "quoted" {brace} [bracket], comma: colon' }],
  nested: { deeper: { list: [1, -2.5e3, true, false, null, {}, []] } },
  empty: '',
  backslashAtEnd: 'ends with \\',
});

const valid: Array<[string, string]> = [
  ['the shape Ferry writes', JSON.stringify({ version: 3, seq: 2, operations: { a: record(1), b: record(2) }, groups: {}, settings: { keepFinished: 5 } })],
  ['pretty-printed', JSON.stringify({ version: 3, operations: { a: record(1), 'key with \\"escapes\\"': record(2) }, groups: { g: { name: 'g' } } }, null, 2)],
  ['whitespace everywhere', ' \r\n\t{ "a" :\t{ "x" : 1 , "y" : [ 1 , 2 ] } , "b" : 2 , "c" : "s" , "d" : null , "e" : [ ] , "f" : { } }\n\n '],
  ['empty', '{}'],
  ['duplicate keys (the last wins, in the first place)', '{"a":{"x":1,"y":2,"x":3},"b":1,"a":{"z":4}}'],
  ['numbers at the ends', '{"n":-1.5e-7,"o":{"m":0}}'],
  ['escaped keys', '{"\\u0061\\"b":{"\\n":"\\u2028"}}'],
];

describe('reading a JSON object file member by member', () => {
  for (const [what, text] of valid) {
    it(`reads ${what} as JSON.parse does, wherever the chunks cut it`, () => {
      const file = fileWith(text);
      const expected = JSON.parse(text) as unknown;
      for (const chunk of [1, 2, 3, 5, 7, 64, 4 << 20]) {
        const read = readObjectMembers(file, chunk);
        expect(read, `chunks of ${chunk}`).not.toBeNull();
        expect(read).toEqual(expected);
        // Same keys in the same order.
        expect(JSON.stringify(read)).toBe(JSON.stringify(expected));
      }
    });
  }

  it('reads a file of a few thousand records whose chunks end inside records and strings', () => {
    const operations = Object.fromEntries(Array.from({ length: 3000 }, (_, i) => [`id-${i}`, record(i)]));
    const text = JSON.stringify({ version: 3, seq: 3000, operations, groups: {}, settings: {} });
    const file = fileWith(text);
    expect(JSON.stringify(readObjectMembers(file, 4093))).toBe(text);
  });

  it('decodes bytes that are not UTF-8 as JSON.parse of the decoded text does', () => {
    const bytes = Buffer.concat([Buffer.from('{"a":{"b":"x'), Buffer.from([0xe9, 0xff, 0xc3]), Buffer.from('"},"c":"\u00e9"}')]);
    const file = fileWith(bytes);
    expect(readObjectMembers(file, 3)).toEqual(JSON.parse(bytes.toString('utf8')));
  });

  const unusual: Array<[string, string | Buffer]> = [
    ['a truncated file', '{"version":1, "operations": {trunc'],
    ['a file cut inside a record', '{"operations":{"a":{"x":"y"'],
    ['a trailing comma', '{"a":{"x":1,},"b":2}'],
    ['a trailing comma at the top', '{"a":1,}'],
    ['a missing colon', '{"a" 1}'],
    ['a bad value inside a record', '{"a":{"x":tru}}'],
    ['something after the object', '{"a":1} x'],
    ['two objects', '{}{}'],
    ['a byte order mark', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{}')])],
    ['an array', '[1,2]'],
    ['null', 'null'],
    ['nothing', ''],
  ];
  for (const [what, text] of unusual) {
    it(`leaves ${what} to JSON.parse, which gives the same error`, () => {
      const file = fileWith(text);
      expect(readObjectMembers(file, 4)).toBeNull();
      let expected: unknown;
      try {
        expected = JSON.parse(fs.readFileSync(file, 'utf8'));
      } catch (error) {
        expect(() => readJsonFile(file, 4)).toThrow((error as Error).message);
        return;
      }
      expect(readJsonFile(file, 4)).toEqual(expected);
    });
  }

  it('leaves a "__proto__" key to JSON.parse, which makes it an own property', () => {
    const file = fileWith('{"operations":{"__proto__":{"polluted":true}}}');
    expect(readObjectMembers(file)).toBeNull();
    const read = readJsonFile(file) as { operations: Record<string, unknown> };
    expect(Object.keys(read.operations)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });
});
