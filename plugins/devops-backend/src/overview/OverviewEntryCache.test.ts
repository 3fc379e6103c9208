import type { OverviewEntry } from '@backstage-devops/plugin-devops-common';
import { OverviewEntryCache } from './OverviewEntryCache';

const row = (name: string) =>
  Promise.resolve({ name } as unknown as OverviewEntry);

describe('OverviewEntryCache', () => {
  afterEach(() => jest.useRealTimers());

  it('serves a row until it expires, then holds nothing', async () => {
    jest.useFakeTimers({ now: 0 });
    const cache = new OverviewEntryCache(10_000);
    await cache.put('component:default/a', '', row('a'));

    jest.setSystemTime(9_999);
    await expect(cache.peek('component:default/a', '')).resolves.toEqual({
      name: 'a',
    });
    jest.setSystemTime(10_000);
    expect(cache.peek('component:default/a', '')).toBeUndefined();
  });

  it('forgets every row of an entity, and only of that entity', async () => {
    const cache = new OverviewEntryCache(10_000);
    await cache.put('component:default/a', '', row('a'));
    await cache.put('component:default/a', 'staging', row('a-staging'));
    await cache.put('component:default/ab', '', row('ab'));

    cache.forget('component:default/a');

    expect(cache.peek('component:default/a', '')).toBeUndefined();
    expect(cache.peek('component:default/a', 'staging')).toBeUndefined();
    expect(cache.peek('component:default/ab', '')).toBeDefined();
  });

  it('drops a row whose computation failed, and keeps nothing with a zero TTL', async () => {
    const cache = new OverviewEntryCache(10_000);
    await expect(
      cache.put('k', '', Promise.reject(new Error('database gone'))),
    ).rejects.toThrow('database gone');
    const off = new OverviewEntryCache(0);
    await off.put('k', '', row('x'));

    expect(cache.peek('k', '')).toBeUndefined();
    expect(off.peek('k', '')).toBeUndefined();
  });

  it('keeps a newer row when an older computation of the same row fails', async () => {
    const cache = new OverviewEntryCache(10_000);
    let fail: (e: Error) => void = () => {};
    const older = cache.put(
      'component:default/a',
      '',
      new Promise<never>((_, reject) => {
        fail = reject;
      }),
    );
    await cache.put('component:default/a', '', row('newer'));

    fail(new Error('database gone'));
    await expect(older).rejects.toThrow('database gone');

    await expect(cache.peek('component:default/a', '')).resolves.toEqual({
      name: 'newer',
    });
  });
});
