import { TestDatabases } from '@backstage/backend-test-utils';
import type { DeploymentStatus } from '@backstage-devops/plugin-devops-common';
import { DatabaseHealthStore } from '../health/DatabaseHealthStore';
import { DatabaseDeploymentStore } from '../deployments/DatabaseDeploymentStore';
import { DatabaseMigrationStore } from '../migrations/DatabaseMigrationStore';
import { DatabaseReadinessStore } from './DatabaseReadinessStore';
import { migrateDatabase } from '../database/migrateDatabase';

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
const payments = 'component:default/payments-api';
const ledger = 'component:default/ledger-worker';

describe.each(databases.eachSupportedId())(
  'DatabaseReadinessStore on %p',
  databaseId => {
    async function setUp() {
      const knex = await databases.init(databaseId);
      await migrateDatabase(knex);
      const deployments = new DatabaseDeploymentStore(knex);
      let n = 0;
      const deploy = (
        entityRef: string,
        environment: string,
        version: string,
        day: number,
        status: DeploymentStatus = 'succeeded',
      ) =>
        deployments.recordDeployment({
          entityRef,
          environment,
          version,
          status,
          externalId: `run-${++n}`,
          startedAt: `2026-11-${String(day).padStart(2, '0')}T10:00:00.000Z`,
          finishedAt: `2026-11-${String(day).padStart(2, '0')}T10:05:00.000Z`,
        });
      return {
        knex,
        deploy,
        store: new DatabaseReadinessStore(knex),
        migrations: new DatabaseMigrationStore(knex),
        health: new DatabaseHealthStore(knex),
      };
    }

    it('finds the newest and newest successful deployment of each entity environment in one go', async () => {
      const { deploy, store } = await setUp();
      await deploy(payments, 'production', '1.0.0', 1);
      await deploy(payments, 'production', '1.1.0', 3, 'failed');
      await deploy(payments, 'staging', '1.1.0', 2);
      await deploy(ledger, 'production', '3.0.0', 4);
      await deploy(ledger, 'qa', '3.1.0', 5);

      const latest = await store.latestPerEnvironment([
        { entityRef: payments, environment: 'production' },
        { entityRef: payments, environment: 'staging' },
        { entityRef: payments, environment: 'development' },
        { entityRef: ledger, environment: 'production' },
      ]);

      const summary = (ref: string) =>
        Object.fromEntries(
          [...(latest.get(ref) ?? new Map())].map(([env, e]) => [
            env,
            [e.latest.version, e.latest.status, e.latestSucceeded?.version],
          ]),
        );
      expect(summary(payments)).toEqual({
        production: ['1.1.0', 'failed', '1.0.0'],
        staging: ['1.1.0', 'succeeded', '1.1.0'],
      });
      // qa was not asked for.
      expect(summary(ledger)).toEqual({
        production: ['3.0.0', 'succeeded', '3.0.0'],
      });
    });

    it('reads window deployments and successful versions per entity', async () => {
      const { deploy, store } = await setUp();
      await deploy(payments, 'production', '0.9.0', 1);
      await deploy(payments, 'production', '1.0.0', 10);
      await deploy(payments, 'production', '1.1.0', 12, 'failed');
      await deploy(ledger, 'production', '1.0.0', 11);
      await deploy(ledger, 'staging', '1.0.0', 9, 'failed');
      await deploy(ledger, 'staging', '1.0.0', 10);
      await deploy(payments, 'staging', '1.0.0', 8);

      const window = await store.deploymentsInWindow(
        'production',
        [payments, ledger],
        new Date('2026-11-05T00:00:00Z'),
        new Date('2026-11-30T00:00:00Z'),
      );
      const staged = await store.succeededVersions('staging', [
        { entityRef: payments, version: '1.0.0' },
        { entityRef: ledger, version: '1.0.0' },
        { entityRef: ledger, version: '9.9.9' },
      ]);

      expect(window.get(payments)!.map(d => d.version)).toEqual([
        '1.0.0',
        '1.1.0',
      ]);
      expect(window.get(ledger)!.map(d => d.version)).toEqual(['1.0.0']);
      expect(
        Object.fromEntries(
          [...staged].map(([ref, list]) => [
            ref,
            list.map(d => `${d.version}@${d.startedAt}`),
          ]),
        ),
      ).toEqual({
        [payments]: ['1.0.0@2026-11-08T10:00:00.000Z'],
        [ledger]: ['1.0.0@2026-11-10T10:00:00.000Z'],
      });
    });

    it('reads migration states and current health of several entities', async () => {
      const { store, migrations, health } = await setUp();
      await migrations.recordReport({
        entityRef: payments,
        environment: 'production',
        tool: 'flyway',
        migrations: [
          { id: 'V1', status: 'applied' },
          { id: 'V2', status: 'pending' },
        ],
      });
      await migrations.recordReport({
        entityRef: ledger,
        environment: 'staging',
        tool: 'knex',
        migrations: [{ id: '001', status: 'failed' }],
      });
      await health.recordChecks([
        {
          entityRef: ledger,
          environment: 'production',
          url: 'https://ledger.example.com/healthz',
          status: 'down',
          httpStatus: 503,
          checkedAt: '2026-11-25T10:00:00.000Z',
        },
      ]);

      const states = await store.migrationStates([payments, ledger]);
      const current = await store.healthCurrent([payments, ledger]);

      expect(
        states
          .get(payments)!
          .get('production')!
          .map(s => `${s.id}:${s.status}`),
      ).toEqual(['V1:applied', 'V2:pending']);
      expect([...states.get(ledger)!.keys()]).toEqual(['staging']);
      expect(current.get(payments)).toBeUndefined();
      expect(current.get(ledger)).toEqual([
        expect.objectContaining({
          environment: 'production',
          status: 'down',
          httpStatus: 503,
          checkedAt: '2026-11-25T10:00:00.000Z',
        }),
      ]);
    });
  },
);
