import { databaseServiceFactory } from '@backstage/backend-defaults/database';
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import knexFactory from 'knex';
import {
  HealthTargetServers,
  startHealthTargetServers,
} from '../__testUtils__/healthTargetServers';
import { TemporaryPostgres } from '../__testUtils__/TemporaryPostgres';
import { devopsPlugin } from '../plugin';

jest.setTimeout(120_000);

describe('health polling with two backend replicas on one PostgreSQL', () => {
  let pg: TemporaryPostgres;
  let servers: HealthTargetServers;

  beforeAll(async () => {
    pg = await TemporaryPostgres.start();
    servers = await startHealthTargetServers({ slowMs: 100 });
  });

  afterAll(async () => {
    await servers?.close();
    await pg?.destroy();
  });

  it('checks each URL once per interval, not once per replica', async () => {
    const url = servers.url('healthy');
    const path = new URL(url).pathname;
    const config = {
      backend: { database: { client: 'pg', connection: pg.connection } },
      devops: {
        health: {
          tickSeconds: 0.5,
          intervalSeconds: 2,
          minIntervalSeconds: 1,
          allowedHosts: ['127.0.0.1'],
        },
      },
    };
    const replica = () =>
      startTestBackend({
        features: [
          devopsPlugin,
          databaseServiceFactory,
          schedulerServiceFactory,
          mockServices.rootConfig.factory({ data: config }),
          catalogServiceMock.factory({
            entities: [
              {
                apiVersion: 'backstage.io/v1alpha1',
                kind: 'Component',
                metadata: {
                  name: 'payments-api',
                  annotations: { 'devops/health-url.production': url },
                },
              },
            ],
          }),
        ],
      });

    const first = await replica();
    const second = await replica();
    const windowMs = 10_000;
    const started = Date.now();
    await new Promise(r => setTimeout(r, windowMs));
    const hits = servers.hits.get(path) ?? 0;
    await first.stop();
    await second.stop();
    const elapsed = Date.now() - started;

    // One check per 2 s interval over the window (plus the first one), where
    // two replicas each checking would double it.
    const intervals = elapsed / 2000;
    expect(hits).toBeGreaterThanOrEqual(Math.floor(intervals) - 1);
    expect(hits).toBeLessThanOrEqual(Math.ceil(intervals) + 1);

    const db = knexFactory({
      client: 'pg',
      connection: { ...pg.connection, database: 'backstage_plugin_devops' },
    });
    try {
      const rows = await db('health_checks').orderBy('checked_at');
      expect(rows).toHaveLength(hits);
      // No two checks of the URL closer than an interval less one tick.
      const times = rows.map((r: any) => new Date(r.checked_at).getTime());
      const gaps = times.slice(1).map((t: number, i: number) => t - times[i]);
      expect(gaps.filter((g: number) => g < 1500)).toEqual([]);
    } finally {
      await db.destroy();
    }
  });
});
