import { mockServices } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { EntityEnvironments } from './EntityEnvironments';

const component = (name: string, environments?: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name,
    annotations: environments
      ? { 'devops/environments': environments }
      : undefined,
  },
  spec: { type: 'service', owner: 'team-a', lifecycle: 'production' },
});

const configured = ['development', 'staging', 'production'];

describe('EntityEnvironments', () => {
  afterEach(() => jest.useRealTimers());

  // The in-memory catalog answers like the real one; the spy counts calls.
  function setup(entities: Entity[]) {
    const catalog = catalogServiceMock({ entities });
    const calls = jest.spyOn(catalog, 'getEntitiesByRefs');
    const lookups = new EntityEnvironments({
      catalog,
      auth: mockServices.auth(),
      configured,
    });
    return { calls, lookups };
  }

  it('asks the catalog once for a burst of lookups', async () => {
    const { calls, lookups } = setup([
      component('payments-api', 'qa,production'),
    ]);

    const answers = await Promise.all(
      Array.from({ length: 5 }, () =>
        lookups.lookup('component:default/payments-api'),
      ),
    );

    expect(answers).toEqual(Array(5).fill(['qa', 'production']));
    expect(calls).toHaveBeenCalledTimes(1);
  });

  it('looks up many entities seen together in a few catalog calls, asking only for the fields it reads', async () => {
    const { calls, lookups } = setup(
      Array.from({ length: 240 }, (_, i) =>
        component(`svc-${i}`, i % 2 ? 'qa,live' : undefined),
      ),
    );

    const answers = await Promise.all(
      Array.from({ length: 250 }, (_, i) =>
        lookups.lookup(`component:default/svc-${i}`),
      ),
    );

    expect(answers[0]).toEqual(configured);
    expect(answers[1]).toEqual(['qa', 'live']);
    expect(answers[239]).toEqual(['qa', 'live']);
    // Not in the catalog.
    expect(answers.slice(240)).toEqual(Array(10).fill(undefined));
    expect(
      calls.mock.calls.map(([request]) => request.entityRefs.length),
    ).toEqual([100, 100, 50]);
    expect(calls.mock.calls[0][0].fields).toEqual([
      'kind',
      'metadata.namespace',
      'metadata.name',
      'metadata.annotations',
    ]);
  });

  it('forgets an entity the catalog does not know, so a new one is found at once', async () => {
    const catalog = catalogServiceMock.mock();
    catalog.getEntitiesByRefs.mockResolvedValueOnce({ items: [undefined] });
    catalog.getEntitiesByRefs.mockResolvedValueOnce({
      items: [component('payments-api', 'live')],
    });
    const lookups = new EntityEnvironments({
      catalog,
      auth: mockServices.auth(),
      configured,
    });

    expect(
      await lookups.lookup('component:default/payments-api'),
    ).toBeUndefined();
    expect(await lookups.lookup('component:default/payments-api')).toEqual([
      'live',
    ]);
  });

  it('serves stale answers while one gathered catalog call refreshes them', async () => {
    jest.useFakeTimers({ now: 0, doNotFake: ['nextTick', 'setImmediate'] });
    const entities = Array.from({ length: 30 }, (_, i) =>
      component(`svc-${i}`, 'qa'),
    );
    const { calls, lookups } = setup(entities);
    const refs = entities.map(e => `component:default/${e.metadata.name}`);
    await Promise.all(refs.map(ref => lookups.lookup(ref)));
    expect(calls).toHaveBeenCalledTimes(1);

    // Two minutes later the annotation has changed in the catalog.
    jest.setSystemTime(2 * 60_000);
    for (const entity of entities) {
      entity.metadata.annotations = { 'devops/environments': 'qa,live' };
    }
    for (const ref of refs) {
      expect(await lookups.lookup(ref)).toEqual(['qa']);
    }
    await jest.advanceTimersByTimeAsync(100);
    await new Promise(resolve => setImmediate(resolve));

    expect(calls).toHaveBeenCalledTimes(2);
    expect(calls.mock.calls[1][0].entityRefs).toHaveLength(30);
    for (const ref of refs) {
      expect(await lookups.lookup(ref)).toEqual(['qa', 'live']);
    }
  });
});
