// Which address a segmented run's new connection reads from (download/range-addresses.ts): the
// usable one with the fewest connections, within its own budget; addresses on one server share it.
import { expect, it } from 'vitest';
import { RangeAddress, RangeAddresses } from '../../electron/engine/download/range-addresses.ts';
import { PartAddress } from '../../electron/engine/download/part-address.ts';
import type { DownloadSource, SourceRequest } from '../../electron/engine/protocols/download-source.ts';

const source: DownloadSource = { open: () => Promise.reject(new Error('not asked')) };
const request = { url: 'http://a.test/f', headers: {}, credential: null } as unknown as SourceRequest;

function address(url: string, cap: number | null = null, mirror = true): RangeAddress {
  return new RangeAddress(url, new PartAddress(url, url), source, { ...request, url }, mirror, cap);
}

it('gives a new connection to the usable address with the fewest, the run\'s own on a tie, each within its budget', () => {
  const own = address('http://a.test/f', null, false);
  const capped = address('http://b.test/f', 1);
  const other = address('http://c.test/f');
  const addresses = new RangeAddresses(own, [capped, other], 0);
  expect(addresses.forNew(4, 0)).toBe(own);
  own.lanes = 1;
  expect(addresses.forNew(4, 0)).toBe(capped);
  capped.lanes = 1;
  expect(addresses.forNew(4, 0)).toBe(other);
  other.lanes = 1;
  // b took one before it refused more: the others share what is left.
  expect(addresses.forNew(4, 0)).toBe(own);
  own.lanes = 4;
  other.lanes = 4;
  expect(addresses.forNew(4, 0)).toBeNull();
});

it('leaves out an address that serves no parts, or is waiting out a refusal, and shares one server\'s budget among its addresses', () => {
  const own = address('http://a.test/f', null, false);
  const sameServer = address('http://a.test/copy');
  const refused = address('http://b.test/f');
  const addresses = new RangeAddresses(own, [sameServer, refused], 0);
  refused.unused = 'another version';
  own.lanes = 1;
  // a.test has one connection of its two: the copy on it may take the second, and no more.
  expect(addresses.forNew(2, 0)).toBe(sameServer);
  sameServer.lanes = 1;
  expect(addresses.forNew(2, 0)).toBeNull();
  refused.unused = null;
  refused.notBefore = 1000;
  expect(addresses.forNew(2, 999)).toBeNull();
  expect(addresses.forNew(2, 1000)).toBe(refused);
  expect(addresses.info().map((i) => i.address)).toEqual(['http://a.test/f', 'http://a.test/copy', 'http://b.test/f']);
});
