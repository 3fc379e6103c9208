import { mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { EntityEnvironments } from './EntityEnvironments';

const entity = (environments: string) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'payments-api',
    annotations: { 'devops/environments': environments },
  },
});

describe('EntityEnvironments', () => {
  afterEach(() => jest.useRealTimers());

  function setup() {
    const catalog = catalogServiceMock.mock();
    const lookups = new EntityEnvironments({
      catalog,
      auth: mockServices.auth(),
      configured: ['development', 'staging', 'production'],
    });
    return { catalog, lookups };
  }

  it('asks the catalog once for a burst of lookups', async () => {
    const { catalog, lookups } = setup();
    catalog.getEntityByRef.mockResolvedValue(entity('qa,production'));

    const answers = await Promise.all(
      Array.from({ length: 5 }, () =>
        lookups.lookup('component:default/payments-api'),
      ),
    );

    expect(answers).toEqual(Array(5).fill(['qa', 'production']));
    expect(catalog.getEntityByRef).toHaveBeenCalledTimes(1);
  });

  it('forgets an entity the catalog does not know, so a new one is found at once', async () => {
    const { catalog, lookups } = setup();
    catalog.getEntityByRef.mockResolvedValueOnce(undefined);
    catalog.getEntityByRef.mockResolvedValueOnce(entity('live'));

    expect(
      await lookups.lookup('component:default/payments-api'),
    ).toBeUndefined();
    expect(await lookups.lookup('component:default/payments-api')).toEqual([
      'live',
    ]);
  });

  it('serves a stale answer while it refreshes in the background', async () => {
    jest.useFakeTimers({ now: 0 });
    const { catalog, lookups } = setup();
    catalog.getEntityByRef.mockResolvedValueOnce(entity('qa'));
    await lookups.lookup('component:default/payments-api');

    jest.setSystemTime(2 * 60_000);
    let resolveRefresh: (e: any) => void = () => {};
    catalog.getEntityByRef.mockReturnValueOnce(
      new Promise(r => {
        resolveRefresh = r;
      }),
    );
    expect(await lookups.lookup('component:default/payments-api')).toEqual([
      'qa',
    ]);
    resolveRefresh(entity('qa,live'));
    await Promise.resolve();
    await Promise.resolve();
    await Promise.resolve();

    expect(await lookups.lookup('component:default/payments-api')).toEqual([
      'qa',
      'live',
    ]);
    expect(catalog.getEntityByRef).toHaveBeenCalledTimes(2);
  });
});
