import {
  mockCredentials,
  mockServices,
  TestDatabases,
} from '@backstage/backend-test-utils';
import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import {
  catalogConditions,
  createCatalogConditionalDecision,
} from '@backstage/plugin-catalog-backend/alpha';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { devopsEntityReadPermission } from '@backstage-devops/plugin-devops-common';
import { DateTime } from 'luxon';
import request from 'supertest';
import {
  HealthTargetServers,
  startHealthTargetServers,
} from './__testUtils__/healthTargetServers';
import {
  serviceAuth,
  startDevopsBackend,
  userAuth,
} from './__testUtils__/startDevopsBackend';

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

function component(
  name: string,
  spec: Record<string, string>,
  annotations: Record<string, string> = {},
): Entity {
  const owner = stringifyEntityRef(
    parseEntityRef(spec.owner, {
      defaultKind: 'group',
      defaultNamespace: 'default',
    }),
  );
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace: 'default', annotations },
    spec: { type: 'service', ...spec },
    relations: [{ type: 'ownedBy', targetRef: owner }],
  };
}

const catalog = (healthUrl = 'http://127.0.0.1:9/unused') => [
  component(
    'payments-api',
    { owner: 'payments', system: 'payments', lifecycle: 'production' },
    {
      'devops/health-url.production': healthUrl,
      'devops/alert-selector': 'service="payments-api"',
    },
  ),
  component(
    'ledger-worker',
    { owner: 'payments', lifecycle: 'production', type: 'worker' },
    { 'devops/environments': 'qa,staging,production' },
  ),
  component('search-api', {
    owner: 'group:default/search',
    system: 'search',
    lifecycle: 'experimental',
  }),
  component('docs-site', {
    owner: 'search',
    lifecycle: 'production',
    type: 'website',
  }),
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'API',
    metadata: { name: 'payments-api', namespace: 'default' },
    spec: { type: 'openapi', owner: 'payments', lifecycle: 'production' },
  },
];

type Server = Awaited<ReturnType<typeof startDevopsBackend>>;

const overview = (server: Server, query = '') =>
  request(server)
    .get(`/api/devops/v1/overview${query}`)
    .set('authorization', userAuth());

const names = (res: { body: any }) =>
  res.body.items.map((i: any) => `${i.kind}:${i.name}`);

async function deploy(
  server: Server,
  environment: string,
  version: string,
  hours: number,
  status = 'succeeded',
  entityRef = 'component:default/payments-api',
) {
  const startedAt = DateTime.utc().minus({ hours });
  const res = await request(server)
    .post('/api/devops/v1/deployments')
    .set('authorization', serviceAuth())
    .send({
      entityRef,
      environment,
      version,
      status,
      startedAt: startedAt.toISO(),
      finishedAt: startedAt.plus({ minutes: 6 }).toISO(),
      commitTime: startedAt.minus({ hours: 2 }).toISO(),
    });
  expect(res.status).toBe(201);
}

describe('GET /v1/overview', () => {
  let servers: HealthTargetServers;

  beforeAll(async () => {
    servers = await startHealthTargetServers({ slowMs: 100 });
  });
  afterAll(() => servers.close());

  it.each(databases.eachSupportedId())(
    'joins each entity with its versions, health, alerts, readiness and DORA, on %p',
    async databaseId => {
      const server = await startDevopsBackend({
        knex: await databases.init(databaseId),
        config: { devops: { health: { allowedHosts: ['127.0.0.1'] } } },
        entities: catalog(servers.url('healthy')),
      });
      await deploy(server, 'staging', '1.4.0', 30);
      await deploy(server, 'production', '1.4.0', 20);
      await deploy(server, 'production', '1.5.0', 2, 'failed');
      const alert = (fingerprint: string, severity: string) => ({
        status: 'firing',
        labels: {
          alertname: 'HighErrorRate',
          service: 'payments-api',
          severity,
        },
        annotations: {},
        startsAt: DateTime.utc().minus({ minutes: 5 }).toISO(),
        endsAt: '0001-01-01T00:00:00Z',
        generatorURL: '',
        fingerprint,
      });
      const webhook = await request(server)
        .post('/api/devops/v1/alerts/alertmanager')
        .set('authorization', serviceAuth())
        .send({
          version: '4',
          status: 'firing',
          receiver: 'backstage',
          externalURL: 'http://alertmanager.example.com',
          alerts: [
            alert('a1', 'critical'),
            alert('a2', 'warning'),
            alert('a3', 'warning'),
          ],
        });
      expect(webhook.status).toBe(200);

      const res = await overview(server);

      expect(res.status).toBe(200);
      expect(names(res)).toEqual([
        'Component:docs-site',
        'Component:ledger-worker',
        'Component:payments-api',
        'Component:search-api',
      ]);
      expect(res.body.totalItems).toBe(4);
      expect(res.body.nextCursor).toBeUndefined();
      const payments = res.body.items[2];
      expect(payments).toMatchObject({
        entityRef: 'component:default/payments-api',
        kind: 'Component',
        namespace: 'default',
        name: 'payments-api',
        owner: 'payments',
        system: 'payments',
        lifecycle: 'production',
        type: 'service',
        environments: [
          { environment: 'development' },
          {
            environment: 'staging',
            runningVersion: '1.4.0',
            latestStatus: 'succeeded',
          },
          {
            environment: 'production',
            runningVersion: '1.4.0',
            latestStatus: 'failed',
            health: 'up',
          },
        ],
        firingAlerts: { P0: 1, P1: 0, P2: 2, P3: 0 },
        dora: {
          environment: 'production',
          days: 30,
          deploymentsPerDay: 1 / 30,
          leadTimeMedianSeconds: 2 * 3600 + 360,
          changeFailureRate: 0.5,
          bands: { changeFailureRate: 'low', leadTime: 'elite' },
        },
      });
      // health, alert routing, staging first and ownership pass; the
      // failed last deployment, change failure rate and rollback path fail.
      expect(payments.readiness).toEqual({
        score: 57,
        passed: 4,
        failed: 3,
        unknown: 2,
      });
      expect(
        res.body.items[1].environments.map((e: any) => e.environment),
      ).toEqual(['qa', 'staging', 'production']);
      expect(res.body.items[0]).toMatchObject({
        environments: [
          { environment: 'development' },
          { environment: 'staging' },
          { environment: 'production' },
        ],
        firingAlerts: { P0: 0, P1: 0, P2: 0, P3: 0 },
        // No health URL, and Alertmanager speaks but never about it.
        readiness: { passed: 1, failed: 2, unknown: 6, score: 33 },
        dora: { environment: 'production', deploymentsPerDay: 0, bands: {} },
      });
    },
  );

  it.each([
    ['?owner=payments', ['Component:ledger-worker', 'Component:payments-api']],
    [
      '?owner=group:default/search',
      ['Component:docs-site', 'Component:search-api'],
    ],
    ['?system=payments', ['Component:payments-api']],
    ['?lifecycle=experimental', ['Component:search-api']],
    ['?owner=search&lifecycle=production', ['Component:docs-site']],
    ['?environment=qa', ['Component:ledger-worker']],
    ['?kind=API', ['API:payments-api']],
  ])('filters with %s', async (query, expected) => {
    const server = await startDevopsBackend({ entities: catalog() });

    const res = await overview(server, query);

    expect(res.status).toBe(200);
    expect(names(res)).toEqual(expected);
    expect(res.body.totalItems).toBe(expected.length);
  });

  it('reports DORA for the environment asked for', async () => {
    const server = await startDevopsBackend({ entities: catalog() });
    await deploy(server, 'staging', '1.0.0', 10);

    const res = await overview(
      server,
      '?doraEnvironment=staging&system=payments',
    );

    expect(res.body.items[0].dora).toMatchObject({
      environment: 'staging',
      deploymentsPerDay: 1 / 30,
    });
  });

  describe('with an entity deployed to qa and live only', () => {
    const qaLive = 'component:default/checkout-web';
    const withQaLive = () => [
      ...catalog(),
      component(
        'checkout-web',
        { owner: 'payments', lifecycle: 'production', type: 'website' },
        { 'devops/environments': 'qa,live' },
      ),
    ];
    const row = (res: { body: any }) =>
      res.body.items.find((i: any) => i.entityRef === qaLive);

    it.each(databases.eachSupportedId())(
      'lists it, with no DORA data, when DORA is asked for production, on %p',
      async databaseId => {
        const server = await startDevopsBackend({
          knex: await databases.init(databaseId),
          entities: withQaLive(),
        });
        await deploy(server, 'qa', '3.0.0', 30, 'succeeded', qaLive);
        await deploy(server, 'live', '3.0.0', 20, 'succeeded', qaLive);
        await deploy(server, 'production', '1.4.0', 20);

        // What the overview page asks for by default.
        const res = await overview(server, '?doraEnvironment=production');

        expect(res.status).toBe(200);
        expect(names(res)).toEqual([
          'Component:checkout-web',
          'Component:docs-site',
          'Component:ledger-worker',
          'Component:payments-api',
          'Component:search-api',
        ]);
        expect(res.body.totalItems).toBe(5);
        expect(row(res)).toMatchObject({
          environments: [
            { environment: 'qa', runningVersion: '3.0.0' },
            { environment: 'live', runningVersion: '3.0.0' },
          ],
          dora: { environment: 'production', deploymentsPerDay: 0, bands: {} },
        });
        expect(row(res).dora.leadTimeMedianSeconds).toBeUndefined();
        expect(res.body.items[3].dora).toMatchObject({
          environment: 'production',
          deploymentsPerDay: 1 / 30,
        });
      },
    );

    it('lists it, with DORA for its own production, without parameters', async () => {
      const server = await startDevopsBackend({ entities: withQaLive() });
      await deploy(server, 'live', '3.0.0', 20, 'succeeded', qaLive);

      const res = await overview(server);

      expect(res.body.totalItems).toBe(5);
      expect(row(res).dora).toMatchObject({
        environment: 'live',
        deploymentsPerDay: 1 / 30,
      });
    });

    it('filters entities by environment apart from the DORA environment', async () => {
      const server = await startDevopsBackend({ entities: withQaLive() });
      await deploy(server, 'qa', '3.0.0', 10, 'succeeded', qaLive);

      const live = await overview(
        server,
        '?environment=live&doraEnvironment=qa',
      );
      const production = await overview(
        server,
        '?environment=production&doraEnvironment=production',
      );

      expect(names(live)).toEqual(['Component:checkout-web']);
      expect(live.body.totalItems).toBe(1);
      expect(live.body.items[0].dora).toMatchObject({
        environment: 'qa',
        deploymentsPerDay: 1 / 30,
      });
      expect(names(production)).not.toContain('Component:checkout-web');
      expect(production.body.totalItems).toBe(4);
    });
  });

  it('shows a deployment recorded after the page was last read', async () => {
    const server = await startDevopsBackend({ entities: catalog() });
    const before = await overview(server, '?system=payments');
    await deploy(server, 'production', '2.0.0', 1);

    const after = await overview(server, '?system=payments');

    expect(before.body.items[0].environments[2].runningVersion).toBeUndefined();
    expect(after.body.items[0].environments[2]).toMatchObject({
      environment: 'production',
      runningVersion: '2.0.0',
    });
  });

  it('pages by entity ref with an opaque cursor', async () => {
    const server = await startDevopsBackend({ entities: catalog() });

    const first = await overview(server, '?limit=3');
    const second = await overview(
      server,
      `?limit=3&cursor=${encodeURIComponent(first.body.nextCursor)}`,
    );

    expect(names(first)).toEqual([
      'Component:docs-site',
      'Component:ledger-worker',
      'Component:payments-api',
    ]);
    expect(first.body.totalItems).toBe(4);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    expect(names(second)).toEqual(['Component:search-api']);
    expect(second.body.totalItems).toBe(4);
    expect(second.body.nextCursor).toBeUndefined();
  });

  it('hides the entities the permission policy hides, and counts only the rest', async () => {
    const ownedByPayments = (ref?: string) =>
      ref === 'component:default/payments-api' ||
      ref === 'component:default/ledger-worker';
    const permissions = mockServices.permissions.mock({
      authorizeConditional: async () => [
        createCatalogConditionalDecision(
          devopsEntityReadPermission,
          catalogConditions.isEntityOwner({
            claims: ['group:default/payments'],
          }),
        ),
      ],
      authorize: async requests =>
        requests.map(r => ({
          result: ownedByPayments((r as { resourceRef?: string }).resourceRef)
            ? AuthorizeResult.ALLOW
            : AuthorizeResult.DENY,
        })),
    });
    const server = await startDevopsBackend({
      entities: catalog(),
      permissions: permissions.factory,
    });

    const res = await overview(server, '?limit=1');
    const hidden = await request(server)
      .get('/api/devops/v1/entities/component/default/search-api/readiness')
      .set('authorization', userAuth());

    expect(names(res)).toEqual(['Component:ledger-worker']);
    expect(res.body.totalItems).toBe(2);
    const next = await overview(
      server,
      `?limit=1&cursor=${encodeURIComponent(res.body.nextCursor)}`,
    );
    expect(names(next)).toEqual(['Component:payments-api']);
    expect(next.body.nextCursor).toBeUndefined();
    expect(hidden.status).toBe(403);
  });

  it('answers an empty page when the policy denies every entity', async () => {
    const server = await startDevopsBackend({
      entities: catalog(),
      permission: AuthorizeResult.DENY,
    });

    const res = await overview(server);

    expect(res.status).toBe(200);
    expect(res.body).toEqual({ items: [], totalItems: 0 });
  });

  it.each([
    ['?limit=0', /limit: Number must be greater than or equal to 1/],
    ['?limit=101', /limit: Number must be less than or equal to 100/],
    ['?limit=ten', /limit: Expected number, received nan/],
    ['?environment=Prod%20Env!', /environment: must be 1-63 characters/],
    ['?doraEnvironment=', /doraEnvironment: must be 1-63 characters/],
    ['?owner=group%3A', /owner: not a group name or entity ref/],
    ['?kind=not-a-kind', /kind: must be a catalog kind/],
    ['?cursor=bm9wZQ', /cursor: not a cursor this API returned/],
    ['?team=payments', /unknown field\(s\) team/],
  ])('answers 400 naming the parameter for %s', async (query, message) => {
    const server = await startDevopsBackend({ entities: catalog() });

    const res = await overview(server, query);

    expect(res.status).toBe(400);
    expect(res.body.error.name).toBe('InputError');
    expect(res.body.error.message).toMatch(message);
  });

  it('answers 401 without credentials', async () => {
    const server = await startDevopsBackend({ entities: catalog() });

    const res = await request(server)
      .get('/api/devops/v1/overview')
      .set('authorization', mockCredentials.none.header());

    expect(res.status).toBe(401);
  });
});
