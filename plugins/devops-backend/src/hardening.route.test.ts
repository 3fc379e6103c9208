import { TestDatabases } from '@backstage/backend-test-utils';
import type { Knex } from 'knex';
import { DateTime } from 'luxon';
import request from 'supertest';
import {
  serviceAuth as service,
  startDevopsBackend,
  userAuth as user,
} from './__testUtils__/startDevopsBackend';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const entityPath = '/api/devops/v1/entities/component/default/payments-api';
const ago = (hours: number) =>
  DateTime.utc().minus({ hours }).toISO({ suppressMilliseconds: true })!;
const ahead = (minutes: number) =>
  DateTime.utc().plus({ minutes }).toISO({ suppressMilliseconds: true })!;

const deployment = (overrides: object = {}) => ({
  entityRef: 'component:default/payments-api',
  environment: 'production',
  version: '2.0.0',
  status: 'succeeded',
  externalId: 'run-2',
  startedAt: ago(2),
  finishedAt: ago(1.9),
  url: 'https://ci.example.com/runs/2',
  ...overrides,
});

const notification = (alerts: object[], extra: object = {}) => ({
  version: '4',
  status: 'firing',
  receiver: 'backstage',
  externalURL: 'http://alertmanager.example.com:9093',
  alerts,
  ...extra,
});

const alert = (overrides: object = {}) => ({
  status: 'firing',
  labels: { alertname: 'PaymentsDown', service: 'payments-api' },
  annotations: { summary: 'Payments down' },
  startsAt: ago(1),
  endsAt: '0001-01-01T00:00:00Z',
  generatorURL: 'http://prometheus.example.com/graph?g0.expr=up',
  fingerprint: 'f1',
  ...overrides,
});

describe.each(databases.eachSupportedId())('hardening on %p', databaseId => {
  let knex: Knex;
  const start = async (config: object = {}) => {
    knex = await databases.init(databaseId);
    return startDevopsBackend({ knex, config });
  };
  const post = (server: any, path: string, body: unknown) =>
    request(server)
      .post(`/api/devops/v1/${path}`)
      .set('authorization', service())
      .send(body as object);

  describe('history follows when deployments happened', () => {
    it('keeps the running version when an older deployment is reported late with only its finish time', async () => {
      const server = await start();
      await post(server, 'deployments', deployment());
      // Reported now, finished three days ago: an old version backfilled.
      const late = await post(
        server,
        'deployments',
        deployment({
          version: '1.0.0',
          externalId: 'run-1',
          startedAt: undefined,
          finishedAt: ago(72),
        }),
      );
      expect(late.status).toBe(201);

      const summary = await request(server)
        .get(`${entityPath}/summary`)
        .set('authorization', user());
      const production = summary.body.environments.find(
        (e: any) => e.environment === 'production',
      );
      expect(production.runningVersion).toBe('2.0.0');
      const history = await request(server)
        .get(`${entityPath}/deployments`)
        .set('authorization', user());
      expect(history.body.items.map((d: any) => d.version)).toEqual([
        '2.0.0',
        '1.0.0',
      ]);
    });

    it('places a report that first had no times at its finish once one arrives', async () => {
      const server = await start();
      await post(server, 'deployments', deployment());
      await post(
        server,
        'deployments',
        deployment({
          version: '1.0.0',
          externalId: 'run-1',
          status: 'in_progress',
          startedAt: undefined,
          finishedAt: undefined,
        }),
      );
      await post(
        server,
        'deployments',
        deployment({
          version: '1.0.0',
          externalId: 'run-1',
          startedAt: undefined,
          finishedAt: ago(48),
        }),
      );

      const history = await request(server)
        .get(`${entityPath}/deployments`)
        .set('authorization', user());
      expect(history.body.items.map((d: any) => d.version)).toEqual([
        '2.0.0',
        '1.0.0',
      ]);
    });

    it.each([['startedAt'], ['finishedAt'], ['commitTime']])(
      'refuses a deployment whose %s lies in the future, naming it, and stores nothing',
      async field => {
        const server = await start();
        const res = await post(
          server,
          'deployments',
          deployment({
            startedAt: ago(1),
            finishedAt: ago(0.5),
            [field]: '2099-01-01T00:00:00Z',
          }),
        );
        expect(res.status).toBe(400);
        expect(res.body.error.message).toContain(
          `${field}: must not be in the future`,
        );
        const history = await request(server)
          .get(`${entityPath}/deployments`)
          .set('authorization', user());
        expect(history.body.items).toEqual([]);
      },
    );

    it('accepts times within the clock skew and honours a configured skew', async () => {
      const lenient = await start();
      const nearlyNow = deployment({
        startedAt: ahead(2),
        finishedAt: undefined,
      });
      expect((await post(lenient, 'deployments', nearlyNow)).status).toBe(201);

      const strict = await start({
        devops: { ingestion: { maxClockSkew: { seconds: 30 } } },
      });
      const res = await post(strict, 'deployments', nearlyNow);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toContain('startedAt');
    });

    it('refuses a migration report applied in the future', async () => {
      const server = await start();
      const res = await post(server, 'migrations', {
        entityRef: 'component:default/payments-api',
        environment: 'staging',
        tool: 'flyway',
        migrations: [
          { id: 'V1', status: 'applied', appliedAt: ago(1) },
          { id: 'V2', status: 'applied', appliedAt: '2099-01-01T00:00:00Z' },
        ],
      });
      expect(res.status).toBe(400);
      expect(res.body.error.message).toContain(
        'migrations[1].appliedAt: must not be in the future',
      );
      const migrations = await request(server)
        .get(`${entityPath}/migrations`)
        .set('authorization', user());
      expect(migrations.body.environments).toEqual([]);
    });

    it('refuses an alert starting in the future, so it cannot outlast its resolve', async () => {
      const server = await start();
      const res = await post(
        server,
        'alerts/alertmanager',
        notification([alert({ startsAt: '2099-01-01T00:00:00Z' })]),
      );
      expect(res.status).toBe(400);
      expect(res.body.error.message).toContain(
        'alerts[0].startsAt: must not be in the future',
      );
      const alerts = await request(server)
        .get(`${entityPath}/alerts?state=all`)
        .set('authorization', user());
      expect(alerts.body.alerts).toEqual([]);
    });
  });

  describe('links', () => {
    it.each([
      // eslint-disable-next-line no-script-url
      'javascript:alert(document.cookie)',
      '  JavaScript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      '/runs/2',
    ])('refuses a deployment url %p, naming the field', async url => {
      const server = await start();
      const res = await post(server, 'deployments', deployment({ url }));
      expect(res.status).toBe(400);
      expect(res.body.error.message).toContain(
        'url: must be an absolute http or https URL',
      );
    });

    it('keeps an Alertmanager alert but drops its non-http links', async () => {
      const server = await start();
      const res = await post(
        server,
        'alerts/alertmanager',
        notification(
          [
            alert({
              // eslint-disable-next-line no-script-url
              generatorURL: 'javascript:alert(1)',
              annotations: {
                summary: 'Payments down',
                runbook_url: ' JAVASCRIPT:alert(2)',
              },
            }),
          ],
          // eslint-disable-next-line no-script-url
          { externalURL: 'javascript:alert(3)' },
        ),
      );
      expect(res.status).toBe(200);

      const alerts = await request(server)
        .get(`${entityPath}/alerts`)
        .set('authorization', user());
      expect(alerts.body.alerts).toHaveLength(1);
      const [stored] = alerts.body.alerts;
      expect(stored).toMatchObject({
        fingerprint: 'f1',
        summary: 'Payments down',
      });
      expect(stored.generatorUrl).toBeUndefined();
      expect(stored.runbookUrl).toBeUndefined();
      expect(stored.alertmanagerUrl).toBeUndefined();
    });
  });

  describe('batches', () => {
    it('stores a notification that repeats a fingerprint, keeping its last state', async () => {
      const server = await start();
      const startsAt = ago(1);
      const res = await post(
        server,
        'alerts/alertmanager',
        notification([
          alert({ fingerprint: 'f1', startsAt }),
          alert({
            fingerprint: 'f2',
            labels: { alertname: 'LedgerLag', service: 'payments-api' },
          }),
          alert({
            fingerprint: 'f1',
            startsAt,
            status: 'resolved',
            endsAt: ago(0.5),
          }),
        ]),
      );
      expect(res.status).toBe(200);

      const alerts = await request(server)
        .get(`${entityPath}/alerts?state=all`)
        .set('authorization', user());
      const byFingerprint = Object.fromEntries(
        alerts.body.alerts.map((a: any) => [a.fingerprint, a.status]),
      );
      expect(byFingerprint).toEqual({ f1: 'resolved', f2: 'firing' });
    });

    it('answers an unexpected database failure with a generic 500 and no SQL', async () => {
      const server = await start();
      await knex.schema.dropTable('deployments');

      const write = await post(server, 'deployments', deployment());
      const read = await request(server)
        .get(`${entityPath}/deployments`)
        .set('authorization', user());

      for (const res of [write, read]) {
        expect(res.status).toBe(500);
        expect(res.body.error.message).toMatch(
          /^An unexpected error occurred; the backend log has the details under reference [0-9a-f-]{36}$/,
        );
        expect(JSON.stringify(res.body.error)).not.toMatch(
          /select|insert|from|sqlite|relation|constraint/i,
        );
      }
    });
  });

  describe('bounds', () => {
    it.each([
      ['version', { version: '2.0.0\u0000' }, 'version: contains a NUL'],
      [
        'description',
        { description: 'broken \ud800 text' },
        'description: contains a lone UTF-16 surrogate',
      ],
      ['actor', { actor: 'x\udc00' }, 'actor: contains a lone UTF-16'],
    ])(
      'refuses a %s the database cannot store with 400',
      async (_field, overrides, message) => {
        const server = await start();
        const res = await post(server, 'deployments', deployment(overrides));
        expect(res.status).toBe(400);
        expect(res.body.error.message).toContain(message);
        const history = await request(server)
          .get(`${entityPath}/deployments`)
          .set('authorization', user());
        expect(history.body.items).toEqual([]);
      },
    );

    it('refuses a NUL in a migration name, an alert label and a query', async () => {
      const server = await start();
      const report = await post(server, 'migrations', {
        entityRef: 'component:default/payments-api',
        environment: 'staging',
        tool: 'knex',
        migrations: [{ id: '001', name: 'init\u0000', status: 'applied' }],
      });
      const alerts = await post(
        server,
        'alerts/alertmanager',
        notification([
          alert({ labels: { alertname: 'X\u0000', service: 'payments-api' } }),
        ]),
      );
      const query = await request(server)
        .get(`${entityPath}/deployments?environment=prod%00uction`)
        .set('authorization', user());
      expect([report.status, alerts.status, query.status]).toEqual([
        400, 400, 400,
      ]);
      expect(report.body.error.message).toContain('migrations[0].name');
      expect(alerts.body.error.message).toContain('alerts[0].labels.alertname');
    });

    it('pages alerts with a default page size and a cursor', async () => {
      const server = await start();
      const many = Array.from({ length: 105 }, (_, i) =>
        alert({
          fingerprint: `f${String(i).padStart(3, '0')}`,
          startsAt: DateTime.utc()
            .minus({ minutes: 200 - i })
            .toISO(),
        }),
      );
      expect(
        (await post(server, 'alerts/alertmanager', notification(many))).status,
      ).toBe(200);

      const first = await request(server)
        .get(`${entityPath}/alerts`)
        .set('authorization', user());
      expect(first.body.alerts).toHaveLength(100);
      expect(first.body.alerts[0].fingerprint).toBe('f104');
      expect(first.body.firing.P3).toBe(105);
      const second = await request(server)
        .get(`${entityPath}/alerts?limit=100&cursor=${first.body.nextCursor}`)
        .set('authorization', user());
      expect(second.body.alerts.map((a: any) => a.fingerprint)).toEqual([
        'f004',
        'f003',
        'f002',
        'f001',
        'f000',
      ]);
      expect(second.body.nextCursor).toBeUndefined();
      const small = await request(server)
        .get(`${entityPath}/alerts?limit=2`)
        .set('authorization', user());
      expect(small.body.alerts.map((a: any) => a.fingerprint)).toEqual([
        'f104',
        'f103',
      ]);
    });

    it.each([
      ['[1e308,"1"]', ['deployments', 'alerts']],
      ['[-1e20,"1"]', ['deployments', 'alerts']],
      ['[0,"99999999999999999999"]', ['deployments']],
      ['{"a":1}', ['deployments', 'alerts']],
      ['[1,"1",2]', ['deployments', 'alerts']],
    ])('refuses the forged cursor %s with 400', async (raw, paths) => {
      const server = await start();
      const cursor = Buffer.from(raw).toString('base64url');
      for (const path of paths) {
        const res = await request(server)
          .get(`${entityPath}/${path}?cursor=${cursor}`)
          .set('authorization', user());
        expect(res.status).toBe(400);
        expect(res.body.error.message).toContain('cursor');
      }
    });

    it('accepts deployments only for kinds that can be deployed', async () => {
      const server = await start({
        devops: { ingestion: { requireCatalogEntity: false } },
      });
      const userRef = await post(
        server,
        'deployments',
        deployment({ entityRef: 'user:default/ada' }),
      );
      const resource = await post(
        server,
        'deployments',
        deployment({ entityRef: 'resource:default/payments-db' }),
      );
      expect(userRef.status).toBe(400);
      expect(userRef.body.error.message).toContain(
        "entityRef: kind 'user' cannot be deployed",
      );
      expect(resource.status).toBe(201);

      const configured = await start({
        devops: {
          ingestion: { requireCatalogEntity: false, entityKinds: ['System'] },
        },
      });
      expect(
        (
          await post(
            configured,
            'deployments',
            deployment({ entityRef: 'system:default/payments' }),
          )
        ).status,
      ).toBe(201);
      expect((await post(configured, 'deployments', deployment())).status).toBe(
        400,
      );
    });

    it('refuses entity refs with path segments on writes and reads', async () => {
      const server = await start({
        devops: { ingestion: { requireCatalogEntity: false } },
      });
      const write = await post(
        server,
        'deployments',
        deployment({ entityRef: 'component:default/../payments-api' }),
      );
      const reads = await Promise.all(
        [
          '/api/devops/v1/entities/component/default/%2E%2E/deployments',
          '/api/devops/v1/entities/component/%2E%2E/payments-api/summary',
          '/api/devops/v1/entities/component/default/a%2Fb/alerts',
          '/api/devops/v1/entities/component/default/pay%00ments/health',
        ].map(path => request(server).get(path).set('authorization', user())),
      );
      expect(write.status).toBe(400);
      expect(write.body.error.message).toContain('entityRef');
      expect(reads.map(r => r.status)).toEqual([400, 400, 400, 400]);
    });
  });
});
