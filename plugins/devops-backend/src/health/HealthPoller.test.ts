import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { migrateDatabase } from '../database/migrateDatabase';
import {
  HealthTargetServers,
  startHealthTargetServers,
  TargetKind,
} from '../__testUtils__/healthTargetServers';
import { DatabaseHealthStore } from './DatabaseHealthStore';
import { HealthChecker } from './HealthChecker';
import { HealthTargetAddresses } from './healthTargetAddresses';
import { HostAllowList } from './hostAllowList';
import { HealthPoller } from './HealthPoller';

jest.setTimeout(120_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const expected: Partial<Record<TargetKind, [string, string | undefined]>> = {
  healthy: ['up', undefined],
  slow: ['down', 'timeout'],
  hanging: ['down', 'timeout'],
  refused: ['down', 'connection_refused'],
  'wrong-status': ['down', 'unexpected_status'],
  'huge-body': ['up', undefined],
  'redirect-loop': ['down', 'too_many_redirects'],
  'redirect-once': ['up', undefined],
  'bad-tls': ['down', 'tls'],
  'wrong-body': ['up', undefined],
};
const kinds = Object.keys(expected) as TargetKind[];

describe.each(databases.eachSupportedId())('HealthPoller on %p', databaseId => {
  let servers: HealthTargetServers;

  beforeAll(async () => {
    servers = await startHealthTargetServers({ slowMs: 5000 });
  });
  afterAll(() => servers.close());

  it('checks 500 targets in one bounded cycle and records the right state for each', async () => {
    const knex = await databases.init(databaseId);
    await migrateDatabase(knex);
    const store = new DatabaseHealthStore(knex);
    const entities: Entity[] = Array.from({ length: 500 }, (_, i) => ({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: {
        name: `service-${i}`,
        annotations: {
          [`devops/health-url.production`]: servers.url(
            kinds[i % kinds.length],
          ),
        },
      },
    }));
    // Well below the slow target's 5 s, well above what a redirect chain
    // takes on a loaded two-core machine (the old 1 s timed one out there).
    const timeoutMs = 2000;
    const concurrency = 50;
    const poller = new HealthPoller({
      catalog: catalogServiceMock({ entities }),
      auth: mockServices.auth(),
      store,
      logger: mockServices.logger.mock(),
      checker: new HealthChecker({
        timeoutMs,
        maxBodyBytes: 64 * 1024,
        maxRedirects: 3,
        degradedLatencyMs: 60_000,
        addresses: new HealthTargetAddresses({
          allowList: new HostAllowList(['127.0.0.1', '::1', 'localhost']),
        }),
      }),
      concurrency,
      tickMs: 10_000,
      intervals: { defaultMs: 60_000, minMs: 10_000, maxMs: 3_600_000 },
    });

    const started = Date.now();
    const results = await poller.poll();
    const elapsed = Date.now() - started;

    expect(results).toHaveLength(500);
    // Even if every check ran into its timeout, the cycle is bounded by the
    // number of waves the concurrency allows.
    expect(elapsed).toBeLessThan(
      Math.ceil(500 / concurrency) * timeoutMs + 5000,
    );
    for (let i = 0; i < 500; i++) {
      const [status, errorClass] = expected[kinds[i % kinds.length]]!;
      const [current] = await store.current(`component:default/service-${i}`);
      expect({
        i,
        status: current.status,
        errorClass: current.errorClass,
      }).toEqual({
        i,
        status,
        errorClass,
      });
    }

    // Nothing is due again until the interval has passed.
    expect(await poller.poll(Date.now() + 1000)).toHaveLength(0);
    expect(await poller.poll(Date.now() + 61_000)).toHaveLength(500);
  });
});
