// A damaged store is moved aside with a clear message, never silently emptied.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openJobStore, FileSecretStore } from '../../electron/daemon/file-stores.ts';
import { emptyState } from '../../electron/engine/records.ts';
import { tempDir } from '../helpers/engine.ts';

const dirs: string[] = [];
const home = () => {
  const d = tempDir();
  dirs.push(d);
  return d;
};
afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

describe('store recovery', () => {
  it('round-trips state with mode 0600', () => {
    const h = home();
    const store = openJobStore(h, () => undefined);
    store.save({ ...emptyState(), seq: 7 });
    expect(openJobStore(h, () => undefined).load().seq).toBe(7);
    expect(fs.statSync(path.join(h, 'state.json')).mode & 0o777).toBe(0o600);
  });

  it('moves invalid JSON aside and says where', () => {
    const h = home();
    fs.writeFileSync(path.join(h, 'state.json'), '{"version":1, "operations": {trunc');
    const warnings: string[] = [];
    const store = openJobStore(h, (m) => warnings.push(m));
    expect(store.load().operations).toEqual({});
    expect(warnings[0]).toMatch(/could not be read.*moved to .*state\.json\.corrupt-/);
    const aside = fs.readdirSync(h).find((f) => f.startsWith('state.json.corrupt-'))!;
    expect(fs.readFileSync(path.join(h, aside), 'utf8')).toContain('trunc');
  });

  it('moves a file of the wrong shape aside', () => {
    const h = home();
    fs.writeFileSync(path.join(h, 'state.json'), JSON.stringify({ version: 99, hello: 'world' }));
    const warnings: string[] = [];
    openJobStore(h, (m) => warnings.push(m)).load();
    expect(warnings[0]).toMatch(/does not have the shape Ferry writes; it was moved to/);
    expect(fs.readdirSync(h).some((f) => f.startsWith('state.json.corrupt-'))).toBe(true);
  });

  it('keeps unreadable records in a side file and loads the rest', () => {
    const h = home();
    fs.writeFileSync(path.join(h, 'state.json'), JSON.stringify({ ...emptyState(), operations: { bad: { id: 'bad' } } }));
    const warnings: string[] = [];
    const state = openJobStore(h, (m) => warnings.push(m)).load();
    expect(state.operations).toEqual({});
    expect(warnings[0]).toMatch(/1 transfer record\(s\).*were saved to/);
  });

  it('keeps secrets in a 0600 file and survives a damaged one', () => {
    const h = home();
    const file = path.join(h, 'secrets.json');
    new FileSecretStore(file, () => undefined).set('a', { credential: 'u:p' });
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(new FileSecretStore(file, () => undefined).get('a')).toEqual({ credential: 'u:p' });
    fs.writeFileSync(file, 'garbage');
    const warnings: string[] = [];
    expect(new FileSecretStore(file, (m) => warnings.push(m)).get('a')).toBeUndefined();
    expect(warnings[0]).toMatch(/credentials file could not be read/);
  });
});
