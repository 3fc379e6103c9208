import { TestDatabases } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import request from 'supertest';
import { startBackend, userAuth } from './__testUtils__/startBackend';

const paymentsApi: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'payments-api', namespace: 'default' },
  spec: { type: 'service', owner: 'payments', lifecycle: 'production' },
};

// Demo health history exists where an entity declares a health URL.
const ledgerWorker: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'ledger-worker',
    annotations: {
      'devops/environments': 'qa,staging,production',
      ...Object.fromEntries(
        ['qa', 'staging', 'production'].map(env => [
          `devops/health-url.${env}`,
          `https://ledger.${env}.example.com/healthz`,
        ]),
      ),
    },
  },
  spec: { type: 'worker', owner: 'payments', lifecycle: 'production' },
};

const entityPath = '/api/devops/v1/entities/component/default/ledger-worker';

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

describe.each(databases.eachSupportedId())(
  'the demo module on %p',
  databaseId => {
    it('fills the history of catalog components', async () => {
      const server = await startBackend({
        entities: [paymentsApi, ledgerWorker],
        knex: await databases.init(databaseId),
      });

      const deployments = await request(server)
        .get(`${entityPath}/deployments?limit=100`)
        .set('authorization', userAuth());
      expect(deployments.status).toBe(200);
      expect(deployments.body.items.length).toBeGreaterThan(5);

      const summary = await request(server)
        .get(`${entityPath}/summary`)
        .set('authorization', userAuth());
      expect(summary.body.environments.map((e: any) => e.environment)).toEqual([
        'qa',
        'staging',
        'production',
      ]);
      for (const env of summary.body.environments) {
        expect(env.runningVersion).toMatch(/^1\.\d+\.\d+$/);
      }
      const dora = await request(server)
        .get(`${entityPath}/dora`)
        .set('authorization', userAuth());
      expect(dora.body.deploymentFrequency.deployments).toBeGreaterThan(5);
      const health = await request(server)
        .get(`${entityPath}/health`)
        .set('authorization', userAuth());
      expect(health.body.environments.map((e: any) => e.environment)).toEqual([
        'qa',
        'staging',
        'production',
      ]);
      for (const env of health.body.environments) {
        expect(env.checks).toBeGreaterThan(100);
        expect(env.uptimePercent).toBeGreaterThan(90);
      }
      const alerts = await request(server)
        .get(`${entityPath}/alerts?state=all`)
        .set('authorization', userAuth());
      expect(alerts.body.firing).toEqual({ P0: 0, P1: 0, P2: 1, P3: 0 });
      expect(alerts.body.alerts.map((a: any) => a.status).sort()).toEqual([
        'firing',
        'resolved',
      ]);
    });
  },
);

describe('without the demo module', () => {
  it('the devops backend seeds nothing', async () => {
    const server = await startBackend({
      entities: [paymentsApi, ledgerWorker],
      demo: false,
    });

    const deployments = await request(server)
      .get(`${entityPath}/deployments`)
      .set('authorization', userAuth());
    expect(deployments.status).toBe(200);
    expect(deployments.body.items).toEqual([]);
    const alerts = await request(server)
      .get(`${entityPath}/alerts?state=all`)
      .set('authorization', userAuth());
    expect(alerts.body.alerts).toEqual([]);
  });
});

describe('with devops.demoData.enabled false', () => {
  it('the installed module seeds nothing', async () => {
    const server = await startBackend({
      entities: [paymentsApi, ledgerWorker],
      config: {
        devops: { demoData: { enabled: false }, health: { enabled: false } },
      },
    });

    const deployments = await request(server)
      .get(`${entityPath}/deployments`)
      .set('authorization', userAuth());
    expect(deployments.status).toBe(200);
    expect(deployments.body.items).toEqual([]);
  });
});
