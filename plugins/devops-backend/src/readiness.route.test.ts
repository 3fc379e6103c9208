import { createBackendModule } from '@backstage/backend-plugin-api';
import { TestDatabases } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { devopsReadinessChecksExtensionPoint } from '@backstage-devops/plugin-devops-node';
import { DateTime } from 'luxon';
import request from 'supertest';
import {
  HealthTargetServers,
  startHealthTargetServers,
} from './__testUtils__/healthTargetServers';
import {
  ledgerWorker,
  paymentsApi,
  serviceAuth,
  startDevopsBackend,
  userAuth,
} from './__testUtils__/startDevopsBackend';

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
const readinessPath = (name: string) =>
  `/api/devops/v1/entities/component/default/${name}/readiness`;

const hoursAgo = (hours: number) => DateTime.utc().minus({ hours }).toISO()!;

type Server = Awaited<ReturnType<typeof startDevopsBackend>>;

async function deploy(
  server: Server,
  environment: string,
  version: string,
  hours: number,
  extra: object = {},
) {
  const res = await request(server)
    .post('/api/devops/v1/deployments')
    .set('authorization', serviceAuth())
    .send({
      entityRef: 'component:default/payments-api',
      environment,
      version,
      status: 'succeeded',
      externalId: `${environment}-${version}-${hours}`,
      startedAt: hoursAgo(hours),
      finishedAt: hoursAgo(hours - 0.1),
      ...extra,
    });
  expect(res.status).toBe(201);
}

async function readiness(server: Server, name = 'payments-api') {
  const res = await request(server)
    .get(readinessPath(name))
    .set('authorization', userAuth());
  expect(res.status).toBe(200);
  return {
    body: res.body,
    status: Object.fromEntries(
      res.body.checks.map((c: any) => [c.id, c.status]),
    ),
    fact: (id: string) => res.body.checks.find((c: any) => c.id === id)?.fact,
  };
}

describe('GET /v1/entities/{kind}/{namespace}/{name}/readiness', () => {
  let servers: HealthTargetServers;

  beforeAll(async () => {
    servers = await startHealthTargetServers({ slowMs: 100 });
  });
  afterAll(() => servers.close());

  const annotated = (): Entity => ({
    ...paymentsApi,
    metadata: {
      ...paymentsApi.metadata,
      annotations: {
        'devops/health-url.production': servers.url('healthy'),
        'devops/alert-selector': 'service="payments-api"',
      },
    },
  });

  it.each(databases.eachSupportedId())(
    'passes every check on a well-run history, on %p',
    async databaseId => {
      const entity = annotated();
      const healthUrl =
        entity.metadata.annotations!['devops/health-url.production'];
      const server = await startDevopsBackend({
        knex: await databases.init(databaseId),
        config: { devops: { health: { allowedHosts: ['127.0.0.1'] } } },
        entities: [entity],
      });
      await deploy(server, 'staging', '1.0.0', 100);
      await deploy(server, 'production', '1.0.0', 90);
      await deploy(server, 'staging', '1.1.0', 60);
      await deploy(server, 'production', '1.1.0', 50, {
        status: 'failed',
      });
      await deploy(server, 'production', '1.0.0', 49, {
        rollbackOf: 'production-1.1.0-50',
      });
      await deploy(server, 'staging', '1.1.1', 30);
      await deploy(server, 'production', '1.1.1', 20);
      for (const environment of ['staging', 'production']) {
        const res = await request(server)
          .post('/api/devops/v1/migrations')
          .set('authorization', serviceAuth())
          .send({
            entityRef: 'component:default/payments-api',
            environment,
            tool: 'flyway',
            migrations: [{ id: 'V1', checksum: 7, status: 'applied' }],
          });
        expect(res.status).toBe(200);
      }

      const { body, status, fact } = await readiness(server);

      expect(status).toEqual({
        'production-health': 'pass',
        'alert-routing': 'pass',
        'staging-before-production': 'pass',
        'last-production-deployment': 'pass',
        'rollback-path': 'pass',
        'production-migrations': 'pass',
        // 1 of 4 production deployments failed: 25 % is over the 15 % limit.
        'change-failure-rate': 'fail',
        'time-to-restore': 'pass',
        ownership: 'pass',
      });
      expect(body).toMatchObject({
        entityRef: 'component:default/payments-api',
        score: 89,
        passed: 8,
        failed: 1,
        unknown: 0,
      });
      expect(fact('rollback-path')).toMatch(
        /^1\.0\.0 rolled back deployment production-1\.1\.0-50 in production/,
      );
      expect(fact('time-to-restore')).toMatch(/was 1 h over 1 incident/);
      expect(body.checks[0]).toEqual({
        id: 'production-health',
        title: 'Production health check passing',
        description: expect.stringContaining('health URL'),
        status: 'pass',
        fact: expect.stringMatching(
          new RegExp(`^${healthUrl} answered HTTP 200 at .* in \\d+ ms\\.$`),
        ),
      });
    },
  );

  it('answers unknown where there is no data yet, with a score from what is decided', async () => {
    const server = await startDevopsBackend();

    const { body, status, fact } = await readiness(server, 'ledger-worker');

    expect(status).toEqual({
      'production-health': 'fail',
      'alert-routing': 'unknown',
      'staging-before-production': 'unknown',
      'last-production-deployment': 'unknown',
      'rollback-path': 'unknown',
      'production-migrations': 'unknown',
      'change-failure-rate': 'unknown',
      'time-to-restore': 'unknown',
      ownership: 'pass',
    });
    expect(body).toMatchObject({ score: 50, passed: 1, failed: 1, unknown: 7 });
    expect(fact('production-migrations')).toBe(
      'production has not reported any migrations.',
    );
  });

  it('applies thresholds and switched-off checks from config', async () => {
    const server = await startDevopsBackend({
      config: {
        devops: {
          readiness: {
            checks: { ownership: { enabled: false } },
            thresholds: { changeFailureRate: 0.5, windowDays: 7 },
          },
        },
      },
    });
    await deploy(server, 'production', '1.0.0', 30);
    await deploy(server, 'production', '1.1.0', 20, { status: 'failed' });

    const { status, fact } = await readiness(server);

    expect(status.ownership).toBeUndefined();
    expect(status['change-failure-rate']).toBe('pass');
    expect(fact('change-failure-rate')).toBe(
      '1 of 2 deployments to production in the last 7 days failed or were rolled back (50 %; the limit is 50 %).',
    );
  });

  it('shows the checks a backend module adds, with the same context', async () => {
    const seen: string[] = [];
    const module = createBackendModule({
      pluginId: 'devops',
      moduleId: 'runbook-check',
      register(env) {
        env.registerInit({
          deps: { checks: devopsReadinessChecksExtensionPoint },
          async init({ checks }) {
            checks.addReadinessChecks({
              id: 'runbook',
              title: 'Runbook linked',
              description: 'The entity links a runbook.',
              async evaluate({ entity, productionEnvironment, data }) {
                const latest = (await data.latestDeployments()).get(
                  productionEnvironment,
                );
                seen.push(latest?.latest.version ?? 'none');
                return entity.metadata.links?.some(l => l.type === 'runbook')
                  ? { status: 'pass', fact: 'A runbook is linked.' }
                  : { status: 'fail', fact: 'No runbook link.' };
              },
            });
          },
        });
      },
    });
    const server = await startDevopsBackend({ features: [module] });
    await deploy(server, 'production', '2.0.0', 3);

    const { body, status } = await readiness(server);

    expect(status.runbook).toBe('fail');
    expect(body.checks.at(-1)).toEqual({
      id: 'runbook',
      title: 'Runbook linked',
      description: 'The entity links a runbook.',
      status: 'fail',
      fact: 'No runbook link.',
    });
    expect(seen).toEqual(['2.0.0']);
  });

  it('answers 403 when the policy denies the entity and 404 outside the catalog', async () => {
    const denied = await startDevopsBackend({
      permission: AuthorizeResult.DENY,
    });
    const allowed = await startDevopsBackend({ entities: [ledgerWorker] });

    const forbidden = await request(denied)
      .get(readinessPath('payments-api'))
      .set('authorization', userAuth());
    const missing = await request(allowed)
      .get(readinessPath('payments-api'))
      .set('authorization', userAuth());

    expect(forbidden.status).toBe(403);
    expect(forbidden.body.error.message).toMatch(
      /may not read the DevOps data of component:default\/payments-api/,
    );
    expect(missing.status).toBe(404);
    expect(missing.body.error.message).toBe(
      'component:default/payments-api is not in the catalog',
    );
  });
});
