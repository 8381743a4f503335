// The store's index of transfers keeps the changed snapshots apart from a shared base (no copy of
// 10,000 entries per batch of progress): checked against a plain Map over many made-up changes,
// past the point where it folds them into a new base, and with old versions left as they were.
import { expect, it } from 'vitest';
import { TransferIndex } from '../../renderer/src/state/transfer-index.ts';
import type { TransferSnapshot } from '../../shared/model.ts';
import { snapshotOf } from '../helpers/snapshot.ts';

function random(seed: number): () => number {
  return () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
}

function expectSame(index: TransferIndex, model: Map<string, TransferSnapshot>) {
  expect(index.size).toBe(model.size);
  expect(index.list()).toEqual([...model.values()]);
  expect(index.ids()).toEqual([...model.keys()]);
  for (const [id, tr] of model) expect(index.get(id)).toBe(tr);
  expect(index.has('never')).toBe(false);
  expect(JSON.parse(JSON.stringify(index))).toEqual(JSON.parse(JSON.stringify(Object.fromEntries(model))));
}

it('reads as a plain map would after each change, and old versions stay as they were', () => {
  const next = random(11);
  let serial = 0;
  const make = () => snapshotOf({ id: `t${serial}`, seq: serial++ });
  const first = Array.from({ length: 3000 }, make);
  let index = TransferIndex.of(first);
  let model = new Map(first.map((tr) => [tr.id, tr]));
  const versions: [TransferIndex, Map<string, TransferSnapshot>][] = [];
  for (let step = 0; step < 60; step++) {
    const roll = next();
    const ids = [...model.keys()];
    const pick = () => ids[Math.floor(next() * ids.length)]!;
    const after = new Map(model);
    if (roll < 0.1) {
      const gone = Array.from({ length: 5 }, pick);
      gone.forEach((id) => after.delete(id));
      index = index.without(gone);
    } else {
      // Progress of some (a batch may name one twice), now and then new ones, and a large batch
      // now and then: past the limit, the changed ones are folded into a new base.
      const count = roll < 0.2 ? 600 : 20;
      const batch = Array.from({ length: count }, () => (next() < 0.1 ? make() : { ...model.get(pick())!, bytesTransferred: step }));
      batch.forEach((tr) => after.set(tr.id, tr));
      index = index.with(batch);
    }
    model = after;
    expectSame(index, model);
    versions.push([index, model]);
  }
  for (const [old, itsModel] of versions) expectSame(old, itsModel);
});
