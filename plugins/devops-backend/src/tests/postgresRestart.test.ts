import type { Entity } from '@backstage/catalog-model';
import { databaseServiceFactory } from '@backstage/backend-defaults/database';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import request from 'supertest';
import { TemporaryPostgres } from '../__testUtils__/TemporaryPostgres';
import { devopsPlugin } from '../plugin';

jest.setTimeout(180_000);

const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'payments-api' },
  spec: { type: 'service', owner: 'payments', lifecycle: 'production' },
};
const entityRef = 'component:default/payments-api';
const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

describe('a PostgreSQL restart while CI pipelines report', () => {
  let pg: TemporaryPostgres;

  beforeAll(async () => {
    pg = await TemporaryPostgres.start();
    // knex and pg print every broken connection during the outage; the test
    // asserts on what clients saw instead.
    jest.spyOn(console, 'log').mockImplementation(() => {});
    jest.spyOn(console, 'warn').mockImplementation(() => {});
  });

  afterAll(async () => {
    await pg?.destroy();
  });

  it('loses no acknowledged event, half-writes nothing and recovers by itself', async () => {
    const { server } = await startTestBackend({
      features: [
        devopsPlugin,
        databaseServiceFactory,
        catalogServiceMock.factory({ entities: [entity] }),
        mockServices.rootConfig.factory({
          data: {
            backend: {
              database: {
                client: 'pg',
                connection: pg.connection,
                knexConfig: { acquireConnectionTimeout: 2000 },
              },
            },
          },
        }),
      ],
    });
    const auth = mockCredentials.service.header();
    const acknowledged = {
      deployments: [] as string[],
      reports: [] as number[],
    };
    const refused = { deployments: [] as string[], reports: [] as number[] };
    const statuses = new Set<number>();
    let stop = false;

    // Each client alternates deployments and three-migration reports, each
    // with identifiers of its own, until told to stop.
    async function client(clientId: number) {
      for (let i = 0; !stop; i++) {
        const key = `c${clientId}-${i}`;
        const isReport = i % 3 === 2;
        const res = await request(server)
          .post(`/api/devops/v1/${isReport ? 'migrations' : 'deployments'}`)
          .set('authorization', auth)
          .send(
            isReport
              ? {
                  entityRef,
                  environment: 'staging',
                  tool: 'knex',
                  migrations: [1, 2, 3].map(n => ({
                    id: `${key}-m${n}`,
                    status: 'applied',
                  })),
                }
              : {
                  entityRef,
                  environment: 'production',
                  version: `1.0.${i}`,
                  status: 'succeeded',
                  externalId: key,
                },
          );
        statuses.add(res.status);
        const ok = res.status >= 200 && res.status < 300;
        if (isReport) {
          (ok ? acknowledged : refused).reports.push(clientId * 100_000 + i);
        } else {
          (ok ? acknowledged : refused).deployments.push(key);
        }
        if (!ok) {
          await sleep(50);
        }
      }
    }

    // Entity pages read the summary meanwhile; it runs as a statement
    // prepared on each pooled connection, which a restart takes away.
    const summaryPath =
      '/api/devops/v1/entities/component/default/payments-api/summary';
    let summariesRead = 0;
    async function reader() {
      while (!stop) {
        const res = await request(server)
          .get(summaryPath)
          .set('authorization', auth);
        statuses.add(res.status);
        summariesRead += res.ok ? 1 : 0;
        await sleep(res.ok ? 10 : 50);
      }
    }

    const clients = [
      ...Array.from({ length: 10 }, (_, c) => client(c)),
      reader(),
      reader(),
    ];
    await sleep(1500);
    await pg.stopServer();
    await sleep(2000);
    await pg.startServer();
    await sleep(3000);
    stop = true;
    await Promise.all(clients);

    // Some events went through before, some after, some were refused.
    expect(acknowledged.deployments.length).toBeGreaterThan(20);
    expect(summariesRead).toBeGreaterThan(20);
    expect(refused.deployments.length + refused.reports.length).toBeGreaterThan(
      0,
    );
    // Refusals while the database was away are 503s, never anything else.
    expect([...statuses].filter(s => s >= 300).sort()).toEqual([503]);

    // The backend recovered by itself: the last events were accepted.
    const after = await request(server)
      .post('/api/devops/v1/deployments')
      .set('authorization', auth)
      .send({
        entityRef,
        environment: 'production',
        version: '9.9.9',
        status: 'succeeded',
        externalId: 'after',
      });
    expect(after.status).toBe(201);
    const summary = await request(server)
      .get(summaryPath)
      .set('authorization', auth);
    expect(summary.status).toBe(200);
    expect(
      summary.body.environments.find((e: any) => e.environment === 'production')
        .runningVersion,
    ).toBe('9.9.9');

    const stored = new Set<string>();
    let cursor: string | undefined;
    do {
      const page = await request(server)
        .get(
          `/api/devops/v1/entities/component/default/payments-api/deployments?limit=500${
            cursor ? `&cursor=${cursor}` : ''
          }`,
        )
        .set('authorization', auth);
      page.body.items.forEach((d: any) => stored.add(d.externalId));
      cursor = page.body.nextCursor;
    } while (cursor);
    for (const key of acknowledged.deployments) {
      expect(stored).toContain(key);
    }

    const migrations = await request(server)
      .get('/api/devops/v1/entities/component/default/payments-api/migrations')
      .set('authorization', auth);
    const applied = new Set<string>(
      migrations.body.environments[0].applied.map((m: any) => m.id),
    );
    const reportKey = (n: number) =>
      `c${Math.floor(n / 100_000)}-${n % 100_000}`;
    for (const n of acknowledged.reports) {
      for (const m of [1, 2, 3]) {
        expect(applied).toContain(`${reportKey(n)}-m${m}`);
      }
    }
    // A refused report is all there (its commit won the race with the
    // outage) or not there at all: never a part of it.
    for (const n of refused.reports) {
      const present = [1, 2, 3].filter(m =>
        applied.has(`${reportKey(n)}-m${m}`),
      );
      expect([0, 3]).toContain(present.length);
    }
  });
});
