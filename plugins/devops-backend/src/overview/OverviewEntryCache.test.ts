import type { OverviewEntry } from '@backstage-devops/plugin-devops-common';
import { OverviewEntryCache } from './OverviewEntryCache';

const row = (name: string) =>
  Promise.resolve({ name } as unknown as OverviewEntry);

describe('OverviewEntryCache', () => {
  afterEach(() => jest.useRealTimers());

  it('serves a row until it expires, then holds nothing', async () => {
    jest.useFakeTimers({ now: 0 });
    const cache = new OverviewEntryCache(10_000);
    await cache.put('component:default/a\n', row('a'));

    jest.setSystemTime(9_999);
    await expect(cache.peek('component:default/a\n')).resolves.toEqual({
      name: 'a',
    });
    jest.setSystemTime(10_000);
    expect(cache.peek('component:default/a\n')).toBeUndefined();
  });

  it('forgets every row of an entity, and only of that entity', async () => {
    const cache = new OverviewEntryCache(10_000);
    await cache.put('component:default/a\n', row('a'));
    await cache.put('component:default/a\nstaging', row('a-staging'));
    await cache.put('component:default/ab\n', row('ab'));

    cache.forget('component:default/a');

    expect(cache.peek('component:default/a\n')).toBeUndefined();
    expect(cache.peek('component:default/a\nstaging')).toBeUndefined();
    expect(cache.peek('component:default/ab\n')).toBeDefined();
  });

  it('drops a row whose computation failed, and keeps nothing with a zero TTL', async () => {
    const cache = new OverviewEntryCache(10_000);
    await expect(
      cache.put('k\n', Promise.reject(new Error('database gone'))),
    ).rejects.toThrow('database gone');
    const off = new OverviewEntryCache(0);
    await off.put('k\n', row('x'));

    expect(cache.peek('k\n')).toBeUndefined();
    expect(off.peek('k\n')).toBeUndefined();
  });
});
