import { describe, expect, it } from 'vitest';
import { RecentReads } from '../../src/store/recent-reads.js';

/** A cache on a clock the test moves, and a store that counts how often it was asked. */
function setup(settings = { ttlMs: 5_000, maxEntries: 3 }) {
  let now = 0;
  const reads = new RecentReads<{ v: string }>(settings, () => now);
  const asked: string[] = [];
  const load = (key: string, value: string | null = key) => {
    asked.push(key);
    return Promise.resolve(value === null ? null : { v: value });
  };
  return { reads, asked, load, advance: (ms: number) => (now += ms) };
}

describe('RecentReads', () => {
  it('answers a read within the TTL without asking the store, and asks again after it', async () => {
    const { reads, asked, load, advance } = setup();
    expect(await reads.read('a', () => load('a'))).toEqual({ v: 'a' });
    advance(4_999);
    expect(await reads.read('a', () => load('a'))).toEqual({ v: 'a' });
    expect(asked).toEqual(['a']);
    advance(1);
    await reads.read('a', () => load('a'));
    expect(asked).toEqual(['a', 'a']);
  });

  it('never keeps a miss, and keeps nothing with a TTL of 0', async () => {
    const { reads, asked, load } = setup();
    expect(await reads.read('gone', () => load('gone', null))).toBeNull();
    expect(await reads.read('gone', () => load('gone', null))).toBeNull();
    expect(asked).toEqual(['gone', 'gone']);

    const off = setup({ ttlMs: 0, maxEntries: 3 });
    await off.reads.read('a', () => off.load('a'));
    await off.reads.read('a', () => off.load('a'));
    expect(off.asked).toEqual(['a', 'a']);
  });

  it('holds at most maxEntries, dropping the least recently used', async () => {
    const { reads, asked, load } = setup();
    for (const key of ['a', 'b', 'c']) await reads.read(key, () => load(key));
    await reads.read('a', () => load('a')); // a is now the most recently used
    await reads.read('d', () => load('d')); // b goes
    expect(reads.size).toBe(3);
    asked.length = 0;
    for (const key of ['a', 'c', 'd', 'b']) await reads.read(key, () => load(key));
    expect(asked).toEqual(['b']);
  });

  it('forgets a key, or every entry that matches', async () => {
    const { reads, asked, load } = setup();
    for (const key of ['a', 'b', 'c']) await reads.read(key, () => load(key));
    reads.forget('a');
    reads.forgetWhere(({ v }) => v === 'b');
    asked.length = 0;
    for (const key of ['a', 'b', 'c']) await reads.read(key, () => load(key));
    expect(asked).toEqual(['a', 'b']);
  });

  it('does not keep what a read found when a change was forgotten while it was in flight', async () => {
    const { reads, asked, load } = setup();
    let finish!: () => void;
    const inFlight = reads.read('key', async () => {
      await new Promise<void>((resolve) => (finish = resolve));
      return { v: 'before the revocation' };
    });
    reads.forget('key');
    finish();
    expect(await inFlight).toEqual({ v: 'before the revocation' });
    expect(await reads.read('key', () => load('key', 'after'))).toEqual({ v: 'after' });
    expect(asked).toEqual(['key']);
  });

  it('keeps what the process just wrote like a read, within the TTL and the size', async () => {
    const { reads, asked, load, advance } = setup();
    expect(reads.keep('a', { v: 'written' })).toEqual({ v: 'written' });
    expect(await reads.read('a', () => load('a'))).toEqual({ v: 'written' });
    advance(5_000);
    expect(await reads.read('a', () => load('a'))).toEqual({ v: 'a' });
    for (const key of ['b', 'c', 'd']) reads.keep(key, { v: key });
    expect(reads.size).toBe(3);
    expect(asked).toEqual(['a']);
  });

  it('hands out frozen entries: a caller cannot change what later reads get', async () => {
    const { reads, load } = setup();
    const first = await reads.read('a', () => load('a'));
    expect(Object.isFrozen(first)).toBe(true);
    expect(() => Object.assign(first!, { v: 'changed' })).toThrow(TypeError);
  });
});
