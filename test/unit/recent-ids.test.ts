import { describe, expect, it } from 'vitest';
import { RecentIds } from '../../src/workflows/recent-ids.js';

describe('RecentIds', () => {
  it('reports an id once and forgets the oldest past its capacity', () => {
    const ids = new RecentIds(['a']);
    expect(ids.add('a')).toBe(false);
    expect(ids.add('b')).toBe(true);
    for (let i = 0; i < RecentIds.capacity; i++) ids.add(`x${i}`);
    expect(ids.toArray()).toHaveLength(RecentIds.capacity);
    expect(ids.add('a')).toBe(true);
  });

  it('keeps the newest ids when carried over with more than its capacity', () => {
    const carried = Array.from({ length: RecentIds.capacity + 10 }, (_, i) => `id${i}`);
    const ids = new RecentIds(carried);
    expect(ids.add(`id${RecentIds.capacity + 9}`)).toBe(false);
    expect(ids.add('id0')).toBe(true);
  });
});
